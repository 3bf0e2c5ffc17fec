package io.inferctl.query.endpoint;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.rollout.FailureCategory;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.version.VersionStatus;
import io.inferctl.query.projection.ReadModelTables;
import io.inferctl.query.projection.TimelineTable;
import io.inferctl.query.projection.Timestamps;
import io.inferctl.query.projection.model.Failure;
import io.inferctl.query.projection.model.Standby;
import io.inferctl.query.projection.model.TimelineEntry;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A version as the query API returns it: the full snapshot, what changed from the version it was
 * built on, where its rollout stands and, when it failed, why.
 *
 * @param phase    the rollout phase while {@code ROLLING_OUT}, else {@code null}
 * @param canaryPercent the version's share of traffic while its phase is {@code CANARY} (1-99), else {@code null}
 * @param basedOn  the version this one was built from, which {@code changes} compare with; {@code null} for v0
 * @param changes  every setting that differs from version {@code basedOn} (all of them for v0)
 * @param failure  category, code, message and step when {@code FAILED}, else {@code null}
 * @param standby  until when and on how many replicas a superseded version is kept warm (a rollback to
 *                 its settings then switches traffic without starting an engine), else {@code null}
 * @param timeline every step of the version's life, oldest first
 */
public record VersionView(
        String endpointId,
        int version,
        VersionStatus status,
        RolloutPhase phase,
        Integer canaryPercent,
        VersionOrigin origin,
        Integer rollbackOf,
        Integer basedOn,
        String createdBy,
        Instant createdAt,
        String comment,
        @JsonRawValue @Schema(implementation = EndpointConfig.class) String config,
        @JsonRawValue @ArraySchema(schema = @Schema(implementation = FieldChange.class)) String changes,
        Failure failure,
        boolean cancellationRequested,
        Standby standby,
        @JsonRawValue @ArraySchema(schema = @Schema(implementation = TimelineEntry.class)) String timeline) {

    /**
     * The columns a view reads from {@code endpoint_version v}: the snapshot, changes and timeline
     * steps as the JSON text the projector stored, which is the API's own form, so a page neither
     * parses nor renders them; the steps are gathered by the same statement.
     */
    static final String COLUMNS = "endpoint_id, version, status, phase, canary_percent, origin, rollback_of, based_on, created_by,"
            + " created_at, comment, config, changes, failure_category, failure_code, failure_message, failure_step,"
            + " cancellation_requested, warm_until, standby_replicas, " + TimelineTable.aggregate(ReadModelTables.LIVE.versionTimeline(), "v")
            + " AS timeline";

    static VersionView of(ResultSet rs) throws SQLException {
        String failureCode = rs.getString("failure_code");
        Failure failure = failureCode == null ? null : new Failure(
                enumOf(FailureCategory.class, rs.getString("failure_category")), FailureCode.valueOf(failureCode),
                rs.getString("failure_message"), rs.getString("failure_step"));
        return new VersionView(rs.getString("endpoint_id"), rs.getInt("version"),
                VersionStatus.valueOf(rs.getString("status")), enumOf(RolloutPhase.class, rs.getString("phase")),
                rs.getObject("canary_percent", Integer.class), VersionOrigin.valueOf(rs.getString("origin")), rs.getObject("rollback_of", Integer.class),
                rs.getObject("based_on", Integer.class),
                rs.getString("created_by"), Timestamps.instant(rs, "created_at"), rs.getString("comment"),
                rs.getString("config"), rs.getString("changes"), failure, rs.getBoolean("cancellation_requested"),
                standby(rs), rs.getString("timeline"));
    }

    private static Standby standby(ResultSet rs) throws SQLException {
        Instant until = Timestamps.instant(rs, "warm_until");
        return until == null ? null : new Standby(until, rs.getInt("standby_replicas"));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }
}
