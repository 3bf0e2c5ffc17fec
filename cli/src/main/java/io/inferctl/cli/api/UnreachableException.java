package io.inferctl.cli.api;

/** No answer at all: the service is down, the address wrong, or the network failed. */
public class UnreachableException extends RuntimeException {

    public UnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
