package io.inferctl.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events the database refused, by id, with the reason: written in the transaction that moves
 * their endpoints past them, read by a rebuild so that it refuses them too.
 */
public class RefusedEventLog {

    private final JdbcTemplate jdbc;

    public RefusedEventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(Map<String, String> reasonsById, Instant at) {
        List<Object[]> rows = reasonsById.entrySet().stream()
                .map(e -> new Object[]{e.getKey(), e.getValue(), Timestamp.from(at)}).toList();
        jdbc.batchUpdate("INSERT INTO refused_event (event_id, reason, refused_at) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", rows);
    }

    /** Every refused event's reason, by id. */
    public Map<String, String> all() {
        Map<String, String> reasons = new LinkedHashMap<>();
        jdbc.query("SELECT event_id, reason FROM refused_event ORDER BY refused_at",
                rs -> {
                    reasons.put(rs.getString("event_id"), rs.getString("reason"));
                });
        return reasons;
    }
}
