package io.inferctl.worker.retry;

import org.springframework.retry.backoff.ExponentialRandomBackOffPolicy;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.ThreadWaitSleeper;
import org.springframework.retry.support.RetryTemplate;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The worker's one retry policy for a call to another system (the cluster's API, the command API): a
 * few attempts in line, exponential backoff with jitter (Spring Retry's). It is meant to ride out a
 * blip, not an outage: what outlasts it is the caller's to hand on, and a rollout step then goes back
 * to a durable deadline instead of holding the thread that runs the sagas.
 *
 * @param maxAttempts    attempts in all, the first included
 * @param initialBackoff the first wait between attempts; each next one doubles, with jitter
 * @param maxBackoff     the cap of every wait
 */
public record ShortRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    private static final double DOUBLING = 2.0;

    /** Retries a call while it throws what {@code transientFailure} accepts; anything else ends it at once. */
    public RetryTemplate retrying(Predicate<Throwable> transientFailure) {
        return retrying(transientFailure, new ThreadWaitSleeper());
    }

    /** The same, waiting through {@code sleeper}: tests see the waits without waiting. */
    public RetryTemplate retrying(Predicate<Throwable> transientFailure, Sleeper sleeper) {
        ExponentialRandomBackOffPolicy backoff = new ExponentialRandomBackOffPolicy();
        backoff.setInitialInterval(initialBackoff.toMillis());
        backoff.setMultiplier(DOUBLING);
        backoff.setMaxInterval(maxBackoff.toMillis());
        backoff.setSleeper(sleeper);
        return RetryTemplate.builder()
                .maxAttempts(maxAttempts)
                .retryOn(transientFailure)
                .customBackoff(backoff)
                .build();
    }
}
