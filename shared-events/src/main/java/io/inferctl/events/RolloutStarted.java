package io.inferctl.events;

import java.time.Instant;

/** The rollout worker took the version on: {@code PENDING -> ROLLING_OUT}. */
@EventRevision("1")
public record RolloutStarted(
        String endpointId,
        int version,
        String reportedBy,
        Instant startedAt) implements EndpointEvent {
}
