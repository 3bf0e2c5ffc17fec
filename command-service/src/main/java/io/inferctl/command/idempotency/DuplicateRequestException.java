package io.inferctl.command.idempotency;

/**
 * A concurrent request with the same key committed first. Thrown inside the command's transaction
 * so that this request's events are rolled back; the caller then gets the first answer.
 */
public class DuplicateRequestException extends RuntimeException {

    public DuplicateRequestException(String key) {
        super("a request with Idempotency-Key '" + key + "' completed concurrently", null, false, false);
    }
}
