package io.inferctl.stream;

/**
 * A record on the topic that is not one of our events, or not a well-formed one. Consumers send it
 * to their dead-letter topic with {@link #getMessage()} as the reason; retrying cannot help.
 */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String reason) {
        super(reason);
    }

    public UnreadableEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
