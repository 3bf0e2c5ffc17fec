package io.inferctl.events;

import java.time.Instant;

/**
 * A user asked a version in canary (or baking) to take all traffic now: the rollout worker skips
 * the remaining steps and the bake time. Its outcome is reported like any rollout's.
 */
@EventRevision("1")
public record CanaryPromotionRequested(
        String endpointId,
        int version,
        String requestedBy,
        String comment,
        Instant requestedAt) implements EndpointEvent {
}
