package io.inferctl.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads the event store's table directly: what was really appended, not what the API said. */
public final class EventStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record StoredEvent(long sequence, String eventId, String type, JsonNode payload) {
        public String simpleType() {
            return type.substring(type.lastIndexOf('.') + 1);
        }
    }

    private final JdbcClient jdbc;

    public EventStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long totalEvents() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    public List<StoredEvent> eventsOf(String endpointId) {
        return jdbc.sql("SELECT sequence_number, event_identifier, payload_type, payload FROM domain_event_entry "
                        + "WHERE aggregate_identifier = :id ORDER BY sequence_number")
                .param("id", endpointId)
                .query((rs, row) -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), read(rs.getBytes(4))))
                .list();
    }

    public List<Integer> createdVersions(String endpointId) {
        return eventsOf(endpointId).stream()
                .filter(e -> e.simpleType().equals("EndpointVersionCreated"))
                .map(e -> e.payload().get("version").asInt())
                .toList();
    }

    private static JsonNode read(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
