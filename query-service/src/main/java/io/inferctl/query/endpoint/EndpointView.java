package io.inferctl.query.endpoint;

import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionStatus;
import io.inferctl.query.projection.EndpointTable;
import io.inferctl.query.projection.model.EndpointRow;
import io.inferctl.query.projection.model.EndpointStatus;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * An endpoint as the query API returns it.
 *
 * @param inProgress the version whose rollout is open, or {@code null}
 * @param sequence   the endpoint's last event applied to the read model: this answer reflects every
 *                   command whose answer carried a sequence up to it
 */
public record EndpointView(
        String endpointId,
        String name,
        EndpointStatus status,
        Integer currentVersion,
        int latestVersion,
        InProgress inProgress,
        long sequence,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        String deletedBy) {

    /** @param canaryPercent the version's share of traffic while its phase is {@code CANARY}, else {@code null} */
    public record InProgress(int version, VersionStatus status, RolloutPhase phase, Integer canaryPercent,
                             boolean cancellationRequested) {
    }

    /** The endpoint in the row {@code rs} is on, which selected {@link EndpointTable#columns()}. */
    static EndpointView of(ResultSet rs) throws SQLException {
        return of(EndpointTable.read(rs));
    }

    static EndpointView of(EndpointRow row) {
        InProgress inProgress = row.inProgressVersion() == null ? null : new InProgress(row.inProgressVersion(),
                row.inProgressStatus(), row.inProgressPhase(), row.inProgressCanaryPercent(), row.cancellationRequested());
        return new EndpointView(row.endpointId(), row.name(), row.status(), row.currentVersion(), row.latestVersion(),
                inProgress, row.lastSequence(), row.createdAt(), row.updatedAt(), row.deletedAt(), row.deletedBy());
    }
}
