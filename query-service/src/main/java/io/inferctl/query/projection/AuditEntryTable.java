package io.inferctl.query.projection;

import io.inferctl.query.projection.model.AuditAction;
import io.inferctl.query.projection.model.AuditEntryRow;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static io.inferctl.query.projection.ColumnType.INTEGER;
import static io.inferctl.query.projection.ColumnType.TEXT;
import static io.inferctl.query.projection.ColumnType.TEXT_ARRAY;
import static io.inferctl.query.projection.ColumnType.TIMESTAMPTZ;
import static io.inferctl.query.projection.ColumnType.enumOf;

/** The audit log ({@code audit_entry}): one row per accepted command and per rollout outcome, never changed. */
public class AuditEntryTable {

    private static final Column<AuditEntryRow, String> ID = Column.of("id", TEXT, AuditEntryRow::id);
    private static final Column<AuditEntryRow, Instant> OCCURRED_AT =
            Column.of("occurred_at", TIMESTAMPTZ, AuditEntryRow::occurredAt);
    private static final Column<AuditEntryRow, String> ACTOR = Column.of("actor", TEXT, AuditEntryRow::actor);
    private static final Column<AuditEntryRow, AuditAction> ACTION =
            Column.of("action", enumOf(AuditAction.class), AuditEntryRow::action);
    private static final Column<AuditEntryRow, String> ENDPOINT_ID =
            Column.of("endpoint_id", TEXT, AuditEntryRow::endpointId);
    private static final Column<AuditEntryRow, String> ENDPOINT_NAME =
            Column.of("endpoint_name", TEXT, AuditEntryRow::endpointName);
    private static final Column<AuditEntryRow, Integer> VERSION = Column.of("version", INTEGER, AuditEntryRow::version);
    private static final Column<AuditEntryRow, List<String>> CHANGED_FIELDS =
            Column.of("changed_fields", TEXT_ARRAY, AuditEntryRow::changedFields);
    private static final Column<AuditEntryRow, String> COMMENT = Column.of("comment", TEXT, AuditEntryRow::comment);
    private static final Column<AuditEntryRow, String> DETAIL = Column.of("detail", TEXT, AuditEntryRow::detail);

    private static final Columns<AuditEntryRow> COLUMNS = new Columns<>(ID, OCCURRED_AT, ACTOR, ACTION, ENDPOINT_ID,
            ENDPOINT_NAME, VERSION, CHANGED_FIELDS, COMMENT, DETAIL);

    private final JdbcTemplate jdbc;

    public AuditEntryTable(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The columns {@link #read} needs, for a select list. */
    public static String columns() {
        return COLUMNS.names();
    }

    public static AuditEntryRow read(ResultSet rs) throws SQLException {
        return new AuditEntryRow(ID.read(rs), OCCURRED_AT.read(rs), ACTOR.read(rs), ACTION.read(rs),
                ENDPOINT_ID.read(rs), ENDPOINT_NAME.read(rs), VERSION.read(rs), CHANGED_FIELDS.read(rs),
                COMMENT.read(rs), DETAIL.read(rs));
    }

    /** Inserts the entries in one statement; an entry already there (its event redelivered) stays as it is. */
    void insert(ReadModelTables tables, List<AuditEntryRow> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String sql = COLUMNS.insert(tables.auditEntry()) + " ON CONFLICT DO NOTHING";
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            COLUMNS.bind(statement, 1, entries);
            return statement;
        });
    }

    void copy(ReadModelTables tables, List<AuditEntryRow> entries) {
        COLUMNS.copy(jdbc, tables.auditEntry(), entries);
    }
}
