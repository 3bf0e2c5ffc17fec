package io.inferctl.query.projection;

import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionStatus;
import io.inferctl.query.projection.model.EndpointRow;
import io.inferctl.query.projection.model.EndpointStatus;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

import static io.inferctl.query.projection.ColumnType.BIGINT;
import static io.inferctl.query.projection.ColumnType.BOOLEAN;
import static io.inferctl.query.projection.ColumnType.INTEGER;
import static io.inferctl.query.projection.ColumnType.TEXT;
import static io.inferctl.query.projection.ColumnType.TIMESTAMPTZ;
import static io.inferctl.query.projection.ColumnType.enumOf;

/** The endpoints read model ({@code endpoint}): one row per endpoint, rewritten whole when it changes. */
public class EndpointTable {

    private static final Column<EndpointRow, String> ENDPOINT_ID = Column.of("endpoint_id", TEXT, EndpointRow::endpointId);
    private static final Column<EndpointRow, String> NAME = Column.of("name", TEXT, EndpointRow::name);
    private static final Column<EndpointRow, EndpointStatus> STATUS =
            Column.of("status", enumOf(EndpointStatus.class), EndpointRow::status);
    private static final Column<EndpointRow, Integer> CURRENT_VERSION =
            Column.of("current_version", INTEGER, EndpointRow::currentVersion);
    private static final Column<EndpointRow, Integer> LATEST_VERSION =
            Column.of("latest_version", INTEGER, EndpointRow::latestVersion);
    private static final Column<EndpointRow, Integer> IN_PROGRESS_VERSION =
            Column.of("in_progress_version", INTEGER, EndpointRow::inProgressVersion);
    private static final Column<EndpointRow, VersionStatus> IN_PROGRESS_STATUS =
            Column.of("in_progress_status", enumOf(VersionStatus.class), EndpointRow::inProgressStatus);
    private static final Column<EndpointRow, RolloutPhase> IN_PROGRESS_PHASE =
            Column.of("in_progress_phase", enumOf(RolloutPhase.class), EndpointRow::inProgressPhase);
    private static final Column<EndpointRow, Integer> IN_PROGRESS_CANARY_PERCENT =
            Column.of("in_progress_canary_percent", INTEGER, EndpointRow::inProgressCanaryPercent);
    private static final Column<EndpointRow, Boolean> CANCELLATION_REQUESTED =
            Column.of("cancellation_requested", BOOLEAN, EndpointRow::cancellationRequested);
    private static final Column<EndpointRow, Long> LAST_SEQUENCE =
            Column.of("last_sequence", BIGINT, EndpointRow::lastSequence);
    private static final Column<EndpointRow, java.time.Instant> CREATED_AT =
            Column.of("created_at", TIMESTAMPTZ, EndpointRow::createdAt);
    private static final Column<EndpointRow, java.time.Instant> UPDATED_AT =
            Column.of("updated_at", TIMESTAMPTZ, EndpointRow::updatedAt);
    private static final Column<EndpointRow, java.time.Instant> DELETED_AT =
            Column.of("deleted_at", TIMESTAMPTZ, EndpointRow::deletedAt);
    private static final Column<EndpointRow, String> DELETED_BY = Column.of("deleted_by", TEXT, EndpointRow::deletedBy);

    private static final Columns<EndpointRow> COLUMNS = new Columns<>(ENDPOINT_ID, NAME, STATUS, CURRENT_VERSION,
            LATEST_VERSION, IN_PROGRESS_VERSION, IN_PROGRESS_STATUS, IN_PROGRESS_PHASE, CANCELLATION_REQUESTED,
            LAST_SEQUENCE, CREATED_AT, UPDATED_AT, DELETED_AT, DELETED_BY, IN_PROGRESS_CANARY_PERCENT);

    private final JdbcTemplate jdbc;

    public EndpointTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The columns {@link #read} needs, for a select list. */
    public static String columns() {
        return COLUMNS.names();
    }

    public static EndpointRow read(ResultSet rs) throws SQLException {
        return new EndpointRow(ENDPOINT_ID.read(rs), NAME.read(rs), CURRENT_VERSION.read(rs), LATEST_VERSION.read(rs),
                IN_PROGRESS_VERSION.read(rs), IN_PROGRESS_STATUS.read(rs), IN_PROGRESS_PHASE.read(rs),
                CANCELLATION_REQUESTED.read(rs), LAST_SEQUENCE.read(rs), CREATED_AT.read(rs), UPDATED_AT.read(rs),
                DELETED_AT.read(rs), DELETED_BY.read(rs)).withInProgressCanaryPercent(IN_PROGRESS_CANARY_PERCENT.read(rs));
    }

    List<EndpointRow> find(ReadModelTables tables, Collection<String> endpointIds) {
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS.names() + " FROM "
                    + tables.endpoint() + " WHERE endpoint_id = ANY(?)");
            statement.setArray(1, connection.createArrayOf(TEXT.arrayType(), endpointIds.toArray()));
            return statement;
        }, (rs, n) -> read(rs));
    }

    /** Inserts or updates the rows in one statement; an endpoint's id and creation time never change. */
    void save(ReadModelTables tables, List<EndpointRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String sql = COLUMNS.insert(tables.endpoint()) + " ON CONFLICT (endpoint_id) DO UPDATE SET "
                + COLUMNS.without(ENDPOINT_ID, CREATED_AT).fromExcluded();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            COLUMNS.bind(statement, 1, rows);
            return statement;
        });
    }

    void copy(ReadModelTables tables, Collection<EndpointRow> rows) {
        COLUMNS.copy(jdbc, tables.endpoint(), rows);
    }
}
