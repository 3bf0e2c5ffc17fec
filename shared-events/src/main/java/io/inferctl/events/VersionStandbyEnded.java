package io.inferctl.events;

import io.inferctl.events.standby.StandbyEndReason;

import java.time.Instant;

/**
 * A version is no longer kept warm: removed from the cluster, or serving again as a new version.
 *
 * @param message what happened, for a person (e.g. which version took its Deployment over)
 */
@EventRevision("1")
public record VersionStandbyEnded(
        String endpointId,
        int version,
        StandbyEndReason reason,
        String message,
        String reportedBy,
        Instant reportedAt) implements EndpointEvent {
}
