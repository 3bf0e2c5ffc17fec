package io.inferctl.query.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.rollout.FailureCategory;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.version.VersionStatus;
import io.inferctl.query.projection.ProjectionBatch.VersionKey;
import io.inferctl.query.projection.model.Failure;
import io.inferctl.query.projection.model.Standby;
import io.inferctl.query.projection.model.VersionRow;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import static io.inferctl.query.projection.ColumnType.BOOLEAN;
import static io.inferctl.query.projection.ColumnType.INTEGER;
import static io.inferctl.query.projection.ColumnType.TEXT;
import static io.inferctl.query.projection.ColumnType.TIMESTAMPTZ;
import static io.inferctl.query.projection.ColumnType.enumOf;
import static io.inferctl.query.projection.ColumnType.json;

/**
 * The versions read model ({@code endpoint_version}, with its timelines in {@link TimelineTable}):
 * a version's snapshot and metadata, written once, and the rollout state its rollout events move on.
 * A version and the timeline steps it gained are written by one statement.
 */
public class VersionTable {

    private static final Column<VersionRow, String> ENDPOINT_ID = Column.of("endpoint_id", TEXT, VersionRow::endpointId);
    private static final Column<VersionRow, Integer> VERSION = Column.of("version", INTEGER, VersionRow::version);
    private static final Column<VersionRow, VersionStatus> STATUS =
            Column.of("status", enumOf(VersionStatus.class), VersionRow::status);
    private static final Column<VersionRow, RolloutPhase> PHASE =
            Column.of("phase", enumOf(RolloutPhase.class), VersionRow::phase);
    private static final Column<VersionRow, VersionOrigin> ORIGIN =
            Column.of("origin", enumOf(VersionOrigin.class), VersionRow::origin);
    private static final Column<VersionRow, Integer> CANARY_PERCENT =
            Column.of("canary_percent", INTEGER, VersionRow::canaryPercent);
    private static final Column<VersionRow, Integer> ROLLBACK_OF = Column.of("rollback_of", INTEGER, VersionRow::rollbackOf);
    private static final Column<VersionRow, Integer> BASED_ON = Column.of("based_on", INTEGER, VersionRow::basedOn);
    private static final Column<VersionRow, String> CREATED_BY = Column.of("created_by", TEXT, VersionRow::createdBy);
    private static final Column<VersionRow, Instant> CREATED_AT = Column.of("created_at", TIMESTAMPTZ, VersionRow::createdAt);
    private static final Column<VersionRow, String> COMMENT = Column.of("comment", TEXT, VersionRow::comment);
    /** json, not jsonb: it keeps the text as rendered, which a history page hands out as it is. */
    private static final Column<VersionRow, EndpointConfig> CONFIG =
            Column.of("config", json("json", EndpointConfig.class), VersionRow::config);
    private static final Column<VersionRow, List<FieldChange>> CHANGES =
            Column.of("changes", json("json", new TypeReference<>() {
            }), VersionRow::changes);
    private static final Column<VersionRow, FailureCategory> FAILURE_CATEGORY =
            Column.of("failure_category", enumOf(FailureCategory.class), failure(Failure::category));
    private static final Column<VersionRow, FailureCode> FAILURE_CODE =
            Column.of("failure_code", enumOf(FailureCode.class), failure(Failure::code));
    private static final Column<VersionRow, String> FAILURE_MESSAGE =
            Column.of("failure_message", TEXT, failure(Failure::message));
    private static final Column<VersionRow, String> FAILURE_STEP = Column.of("failure_step", TEXT, failure(Failure::step));
    private static final Column<VersionRow, Boolean> CANCELLATION_REQUESTED =
            Column.of("cancellation_requested", BOOLEAN, VersionRow::cancellationRequested);
    /** Where the next timeline step goes, so appending one needs no look at the stored ones. */
    private static final Column<VersionRow, Integer> TIMELINE_LENGTH =
            Column.of("timeline_length", INTEGER, VersionRow::timelineLength);

    private static final Column<VersionRow, Instant> WARM_UNTIL =
            Column.of("warm_until", TIMESTAMPTZ, row -> row.standby() == null ? null : row.standby().warmUntil());
    private static final Column<VersionRow, Integer> STANDBY_REPLICAS =
            Column.of("standby_replicas", INTEGER, row -> row.standby() == null ? null : row.standby().replicas());

    private static final Columns<VersionRow> COLUMNS = new Columns<>(ENDPOINT_ID, VERSION, STATUS, PHASE, ORIGIN,
            ROLLBACK_OF, BASED_ON, CREATED_BY, CREATED_AT, COMMENT, CONFIG, CHANGES, FAILURE_CATEGORY, FAILURE_CODE,
            FAILURE_MESSAGE, FAILURE_STEP, CANCELLATION_REQUESTED, TIMELINE_LENGTH, WARM_UNTIL, STANDBY_REPLICAS,
            CANARY_PERCENT);
    private static final Columns<VersionRow> KEY = new Columns<>(ENDPOINT_ID, VERSION);
    /** What rollout events change; a version's snapshot and changes are never rewritten. */
    private static final Columns<VersionRow> ROLLOUT_STATE = new Columns<>(STATUS, PHASE, FAILURE_CATEGORY,
            FAILURE_CODE, FAILURE_MESSAGE, FAILURE_STEP, CANCELLATION_REQUESTED, TIMELINE_LENGTH, WARM_UNTIL,
            STANDBY_REPLICAS, CANARY_PERCENT);
    /** All but what a version's creation fixed for good: what {@link #rolloutStates} loads. */
    private static final Columns<VersionRow> WITHOUT_SNAPSHOT = COLUMNS.without(CONFIG, CHANGES, BASED_ON);

    private final JdbcTemplate jdbc;

    public VersionTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A version's snapshot, from a result set that selected {@code config}. */
    public static EndpointConfig config(ResultSet rs) throws SQLException {
        return CONFIG.read(rs);
    }

    /**
     * The versions' rows for the projector, without their snapshot, changes and timeline: the first
     * two never change after creation and the timeline is only appended to, and not reading and
     * parsing them again is most of what makes a rollout event cheap.
     */
    List<VersionRow> rolloutStates(ReadModelTables tables, Collection<VersionKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT " + WITHOUT_SNAPSHOT.names() + " FROM "
                    + tables.version() + " JOIN unnest(?::text[], ?::integer[]) AS k(endpoint_id, version)"
                    + " USING (endpoint_id, version)");
            statement.setArray(1, connection.createArrayOf(TEXT.arrayType(),
                    keys.stream().map(VersionKey::endpointId).toArray()));
            statement.setArray(2, connection.createArrayOf(INTEGER.arrayType(),
                    keys.stream().map(VersionKey::version).toArray()));
            return statement;
        }, (rs, n) -> VersionRow.rolloutState(ENDPOINT_ID.read(rs), VERSION.read(rs), STATUS.read(rs),
                PHASE.read(rs), ORIGIN.read(rs), ROLLBACK_OF.read(rs), CREATED_BY.read(rs), CREATED_AT.read(rs),
                COMMENT.read(rs), failure(rs), CANCELLATION_REQUESTED.read(rs), TIMELINE_LENGTH.read(rs))
                .withStandby(standby(rs)).withCanaryPercent(CANARY_PERCENT.read(rs)));
    }

    /** A version's whole row, snapshot and timeline included, as the projector wrote it. */
    VersionRow whole(ReadModelTables tables, String endpointId, int version) {
        return jdbc.queryForObject("SELECT " + COLUMNS.names() + ", "
                + TimelineTable.aggregate(tables.versionTimeline(), "v") + " AS timeline FROM " + tables.version()
                + " v WHERE endpoint_id = ? AND version = ?", (rs, n) -> new VersionRow(ENDPOINT_ID.read(rs),
                VERSION.read(rs), STATUS.read(rs), PHASE.read(rs), ORIGIN.read(rs), ROLLBACK_OF.read(rs),
                BASED_ON.read(rs), CREATED_BY.read(rs), CREATED_AT.read(rs), COMMENT.read(rs), CONFIG.read(rs), CHANGES.read(rs),
                failure(rs), CANCELLATION_REQUESTED.read(rs), TimelineTable.entries(rs.getString("timeline")))
                .withStandby(standby(rs)).withCanaryPercent(CANARY_PERCENT.read(rs)), endpointId, version);
    }

    /** Inserts new versions with their timelines, in one statement. */
    void insert(ReadModelTables tables, List<VersionRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<TimelineTable.Step> steps = TimelineTable.newSteps(rows);
        String sql = "WITH versions AS (" + COLUMNS.insert(tables.version()) + ") " + TimelineTable.append(tables);
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            TimelineTable.bindAppend(statement, COLUMNS.bind(statement, 1, rows), steps);
            return statement;
        });
    }

    /** Writes what rollout events changed and appends the steps they added, in one statement. */
    void updateRolloutStates(ReadModelTables tables, List<VersionRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<TimelineTable.Step> steps = TimelineTable.newSteps(rows);
        String sql = "WITH versions AS (" + ROLLOUT_STATE.update(tables.version(), KEY) + ") "
                + TimelineTable.append(tables);
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            TimelineTable.bindAppend(statement, ROLLOUT_STATE.bindUpdate(statement, 1, KEY, rows), steps);
            return statement;
        });
    }

    /** Appends versions and their whole timelines with {@code COPY}, into a rebuild's empty tables. */
    void copy(ReadModelTables tables, List<VersionRow> rows) {
        COLUMNS.copy(jdbc, tables.version(), rows);
        TimelineTable.copy(jdbc, tables, rows);
    }

    private static Failure failure(ResultSet rs) throws SQLException {
        FailureCode code = FAILURE_CODE.read(rs);
        return code == null ? null
                : new Failure(FAILURE_CATEGORY.read(rs), code, FAILURE_MESSAGE.read(rs), FAILURE_STEP.read(rs));
    }

    private static Standby standby(ResultSet rs) throws SQLException {
        Instant until = WARM_UNTIL.read(rs);
        return until == null ? null : new Standby(until, STANDBY_REPLICAS.read(rs));
    }

    private static <V> Function<VersionRow, V> failure(Function<Failure, V> part) {
        return row -> row.failure() == null ? null : part.apply(row.failure());
    }
}
