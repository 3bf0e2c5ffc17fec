package io.inferctl.command.web;

/** A command did not complete in time; whether it was applied is unknown to this request. */
public class CommandTimeoutException extends RuntimeException {

    public CommandTimeoutException(String message) {
        super(message, null, false, false);
    }
}
