package io.inferctl.query.support;

import io.inferctl.query.projection.ReadModelTables;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every row of a set of read-model tables as text, in key order: two read models are identical
 * when their dumps are equal. Times of day when a row was parked are left out; nothing else is.
 */
public final class ReadModelDump {

    private ReadModelDump() {
    }

    public static List<String> of(JdbcTemplate jdbc, ReadModelTables tables) {
        List<String> rows = new ArrayList<>();
        rows.addAll(dump(jdbc, "SELECT * FROM " + tables.endpoint() + " ORDER BY endpoint_id"));
        rows.addAll(dump(jdbc, "SELECT * FROM " + tables.version() + " ORDER BY endpoint_id, version"));
        rows.addAll(dump(jdbc, "SELECT * FROM " + tables.versionTimeline() + " ORDER BY endpoint_id, version, ordinal"));
        rows.addAll(dump(jdbc, "SELECT * FROM " + tables.auditEntry() + " ORDER BY id"));
        rows.addAll(dump(jdbc, "SELECT * FROM " + tables.processedEvent() + " ORDER BY event_id"));
        rows.addAll(dump(jdbc, "SELECT endpoint_id, sequence, event_id, event_type, payload FROM "
                + tables.parkedEvent() + " ORDER BY endpoint_id, sequence"));
        return rows;
    }

    /** The rows of one endpoint's read model, without its dedup bookkeeping. */
    public static List<String> ofEndpoint(JdbcTemplate jdbc, ReadModelTables tables, String endpointId) {
        List<String> rows = new ArrayList<>();
        rows.addAll(dump(jdbc, "SELECT * FROM " + tables.endpoint() + " WHERE endpoint_id = ?", endpointId));
        rows.addAll(dump(jdbc, "SELECT * FROM " + tables.version() + " WHERE endpoint_id = ? ORDER BY version",
                endpointId));
        rows.addAll(dump(jdbc, "SELECT * FROM " + tables.versionTimeline() + " WHERE endpoint_id = ?"
                + " ORDER BY version, ordinal", endpointId));
        rows.addAll(dump(jdbc, "SELECT * FROM " + tables.auditEntry() + " WHERE endpoint_id = ? ORDER BY id",
                endpointId));
        return rows;
    }

    private static List<String> dump(JdbcTemplate jdbc, String sql, Object... args) {
        return jdbc.queryForList(sql, args).stream().map(ReadModelDump::line).toList();
    }

    private static String line(Map<String, Object> row) {
        StringBuilder line = new StringBuilder();
        row.forEach((column, value) -> line.append(column).append('=').append(text(value)).append(' '));
        return line.toString();
    }

    private static String text(Object value) {
        if (value instanceof java.sql.Array array) {
            try {
                return List.of((Object[]) array.getArray()).toString();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.valueOf(value);
    }
}
