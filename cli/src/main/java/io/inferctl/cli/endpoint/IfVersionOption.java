package io.inferctl.cli.endpoint;

import picocli.CommandLine.Option;

/** {@code --if-version}: the optimistic lock of a change, shared by the commands that edit settings. */
public final class IfVersionOption {

    @Option(names = "--if-version", paramLabel = "N",
            description = "Change only if the endpoint's latest version is still N (else the version just read).")
    Integer ifVersion;

    /** The version to send as If-Match: the one asked for, else the latest version just read. */
    public int ifMatch(int latestRead) {
        return ifVersion != null ? ifVersion : latestRead;
    }
}
