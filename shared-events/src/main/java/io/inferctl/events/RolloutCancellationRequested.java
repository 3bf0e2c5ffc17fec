package io.inferctl.events;

import java.time.Instant;

/**
 * A user asked to stop a rollout. The version stays in progress until the rollout worker has removed
 * what it created and reports {@link RolloutCancelled}, so two rollouts never overlap on the cluster.
 */
@EventRevision("1")
public record RolloutCancellationRequested(
        String endpointId,
        int version,
        String requestedBy,
        String comment,
        Instant requestedAt) implements EndpointEvent {
}
