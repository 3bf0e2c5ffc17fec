package io.inferctl.systemtest.faults;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The command database's event store as the checker reads it, over JDBC: one row per stored endpoint event. */
final class EventStoreRows {

    /** One stored event; {@code version} is the payload's {@code version} (-1 when it has none). */
    record Row(String endpointId, long sequence, String type, String eventId, int version) {

        boolean is(String simpleName) {
            return type.endsWith("." + simpleName) || type.equals(simpleName);
        }
    }

    private EventStoreRows() {
    }

    /** Every row of every endpoint whose id starts like a UUID, by endpoint id, in sequence order. */
    static Map<String, List<Row>> read(int postgresPort) throws SQLException, IOException {
        Map<String, List<Row>> rows = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + postgresPort + "/command", "postgres", "");
             PreparedStatement select = connection.prepareStatement("""
                     SELECT aggregate_identifier, sequence_number, payload_type, event_identifier, payload
                     FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number""");
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                String type = result.getString(3);
                if (!type.startsWith("io.inferctl.events.") || type.contains("Webhook")) {
                    continue;
                }
                JsonNode payload = StackClient.JSON.readTree(new String(result.getBytes(5), StandardCharsets.UTF_8));
                Row row = new Row(result.getString(1), result.getLong(2), type, result.getString(4),
                        payload.path("version").asInt(-1));
                rows.computeIfAbsent(row.endpointId(), id -> new ArrayList<>()).add(row);
            }
        }
        return rows;
    }
}
