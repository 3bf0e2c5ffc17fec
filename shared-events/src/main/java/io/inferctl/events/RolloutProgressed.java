package io.inferctl.events;

import io.inferctl.events.rollout.RolloutPhase;

import java.time.Instant;

/** A rolling-out version entered a new phase. */
@EventRevision("1")
public record RolloutProgressed(
        String endpointId,
        int version,
        RolloutPhase phase,
        String message,
        String reportedBy,
        Instant at) implements EndpointEvent {
}
