package io.inferctl.events;

import java.time.Instant;

/**
 * Traffic switched to the version, which is now {@code CURRENT}.
 *
 * @param supersededVersion the version that served before and is now {@code SUPERSEDED}, or {@code null}
 */
@EventRevision("1")
public record RolloutSucceeded(
        String endpointId,
        int version,
        Integer supersededVersion,
        String reportedBy,
        Instant succeededAt) implements EndpointEvent {
}
