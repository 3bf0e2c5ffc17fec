package io.inferctl.events;

import java.time.Instant;

/**
 * A superseded version is kept running, scaled down, so that a rollback to its settings switches
 * traffic back without starting an engine. It stays warm until {@code warmUntil} unless a
 * {@link VersionStandbyEnded} says otherwise first.
 *
 * @param version    the version that was superseded (whose Deployment may be an earlier version's it reused)
 * @param replicas   the replicas it keeps while warm
 * @param warmUntil  when its standby window ends and it is removed
 */
@EventRevision("1")
public record VersionStandbyStarted(
        String endpointId,
        int version,
        int replicas,
        Instant warmUntil,
        String reportedBy,
        Instant reportedAt) implements EndpointEvent {
}
