package io.inferctl.cli.config;

/** Settings missing or unreadable: said in one line, with what to do about it. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
