package io.inferctl.events;

import io.inferctl.events.rollout.RolloutPhase;

import java.time.Instant;

/**
 * A rolling-out version entered a new phase.
 *
 * @param canaryPercent the new version's share of traffic in phase {@link RolloutPhase#CANARY}
 *                      (1-99); {@code null} in every other phase and in revision 1
 */
@EventRevision("2")
public record RolloutProgressed(
        String endpointId,
        int version,
        RolloutPhase phase,
        String message,
        String reportedBy,
        Instant at,
        Integer canaryPercent) implements EndpointEvent {
}
