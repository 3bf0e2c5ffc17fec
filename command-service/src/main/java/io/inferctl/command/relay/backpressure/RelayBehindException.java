package io.inferctl.command.relay.backpressure;

import java.time.Duration;

/** A change refused, before it was sent, because the relay is behind; nothing was stored. */
public class RelayBehindException extends RuntimeException {

    private final transient Duration retryAfter;

    RelayBehindException(long behind, long limit, Duration retryAfter) {
        super(behind + " accepted changes are not yet published (the limit is " + limit
                + "); this change was not stored. Retry after " + retryAfter.toSeconds() + " s.", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
