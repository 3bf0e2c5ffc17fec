package io.inferctl.simulator.kubelet;

import java.time.Duration;

/**
 * How long each phase of a pod's start and stop takes on the simulated node.
 *
 * @param imagePull     pulling the container image
 * @param modelDownload the engine downloading its model
 * @param engineStart   the engine loading the model until it serves (becomes ready)
 * @param termination   a deleted pod's engine shutting down, capped by the pod's grace period
 */
public record PhaseDurations(Duration imagePull, Duration modelDownload, Duration engineStart, Duration termination) {

    public PhaseDurations {
        for (Duration d : new Duration[] {imagePull, modelDownload, engineStart, termination}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("phase durations must be zero or positive");
            }
        }
    }

    /** Everything instant: for tests that only care about the outcome. */
    public static PhaseDurations zero() {
        return new PhaseDurations(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** Slow enough to watch a rollout happen with kubectl, fast enough for a demo. */
    public static PhaseDurations demo() {
        return new PhaseDurations(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3),
                Duration.ofSeconds(1));
    }
}
