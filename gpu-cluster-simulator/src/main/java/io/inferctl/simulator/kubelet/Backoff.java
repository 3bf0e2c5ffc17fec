package io.inferctl.simulator.kubelet;

import java.time.Duration;

/**
 * Exponential back-off between restarts (or image pulls): {@code initial}, doubling per failure, at
 * most {@code max}. The kubelet's own values are 10s and 5m.
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial == null || max == null || initial.isZero() || initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("a back-off needs a positive initial delay no larger than its maximum");
        }
    }

    public static Backoff kubeletDefaults() {
        return new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5));
    }

    /** Fast enough that a test sees several restarts within a second. */
    public static Backoff fast() {
        return new Backoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    /** The delay after the {@code failures}-th failure (1-based). */
    public Duration after(int failures) {
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
