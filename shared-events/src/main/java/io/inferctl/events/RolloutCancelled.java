package io.inferctl.events;

import java.time.Instant;

/**
 * The rollout was stopped and compensated: the version is {@code CANCELLED}.
 *
 * @param requestedBy    who asked for the cancellation
 * @param currentVersion the version that keeps serving, or {@code null} when none does
 */
@EventRevision("1")
public record RolloutCancelled(
        String endpointId,
        int version,
        String requestedBy,
        String reportedBy,
        Instant cancelledAt,
        Integer currentVersion) implements EndpointEvent {
}
