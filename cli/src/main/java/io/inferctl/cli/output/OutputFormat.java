package io.inferctl.cli.output;

/** {@code -o}: a table for people, or the APIs' own shapes for scripts. */
public enum OutputFormat {
    table, json, yaml
}
