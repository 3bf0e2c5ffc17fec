package io.inferctl.query.endpoint;

import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.version.VersionStatus;
import io.inferctl.query.projection.model.Failure;
import io.inferctl.query.projection.model.TimelineEntry;
import io.inferctl.query.projection.model.VersionRow;

import java.time.Instant;
import java.util.List;

/**
 * A version as the query API returns it: the full snapshot, what changed from the previous version,
 * where its rollout stands and, when it failed, why.
 *
 * @param phase    the rollout phase while {@code ROLLING_OUT}, else {@code null}
 * @param changes  every setting that differs from the previous version (all of them for v0)
 * @param failure  category, code, message and step when {@code FAILED}, else {@code null}
 * @param timeline every step of the version's life, oldest first
 */
public record VersionView(
        String endpointId,
        int version,
        VersionStatus status,
        RolloutPhase phase,
        VersionOrigin origin,
        Integer rollbackOf,
        String createdBy,
        Instant createdAt,
        String comment,
        EndpointConfig config,
        List<FieldChange> changes,
        Failure failure,
        boolean cancellationRequested,
        List<TimelineEntry> timeline) {

    static VersionView of(VersionRow row) {
        return new VersionView(row.endpointId(), row.version(), row.status(), row.phase(), row.origin(),
                row.rollbackOf(), row.createdBy(), row.createdAt(), row.comment(), row.config(), row.changes(),
                row.failure(), row.cancellationRequested(), row.timeline());
    }
}
