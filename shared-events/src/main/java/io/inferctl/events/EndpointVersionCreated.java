package io.inferctl.events;

import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.version.VersionOrigin;

import java.time.Instant;
import java.util.List;

/**
 * A new immutable version exists and waits for its rollout ({@code PENDING}).
 *
 * @param name           the endpoint's name (a DNS label), repeated on every version for self-contained readers
 * @param version        0 for the first version, then one more than the latest
 * @param rollbackOf     the version whose settings were copied, when {@code origin} is {@code ROLLBACK}
 * @param config         the full snapshot
 * @param changes        every setting that differs from the previous version (all of them for v0)
 * @param createdBy      the authenticated caller
 * @param currentVersion the version serving traffic when this one was created, or {@code null}
 */
@EventRevision("1")
public record EndpointVersionCreated(
        String endpointId,
        String name,
        int version,
        VersionOrigin origin,
        Integer rollbackOf,
        EndpointConfig config,
        List<FieldChange> changes,
        String createdBy,
        Instant createdAt,
        String comment,
        Integer currentVersion) implements EndpointEvent {
}
