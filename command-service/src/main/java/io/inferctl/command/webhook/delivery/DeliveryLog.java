package io.inferctl.command.webhook.delivery;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.stream.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every authentic delivery of every integration, one row per webhook-id, with the answer it got. */
@Component
public class DeliveryLog {

    /** One delivery as the log lists it; the body's hash only tells a reused webhook-id apart. */
    public record Entry(String webhookId, Instant receivedAt, Instant lastAttemptAt, int attempts,
                        DeliveryOutcome outcome, int status, String endpointId, Integer version, String artifact,
                        @JsonIgnore String requestHash, DeliveryAnswer answer) {
    }

    private static final String COLUMNS = "webhook_id, received_at, last_attempt_at, attempts, outcome, status, "
            + "endpoint_id, version, artifact, request_hash, answer::text AS answer";

    private final JdbcClient jdbc;
    private final ObjectMapper json = EventJson.newMapper();

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Entry> find(String integrationId, String webhookId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_delivery WHERE integration_id = :id AND webhook_id = :webhookId")
                .param("id", integrationId).param("webhookId", webhookId)
                .query(this::entry).optional();
    }

    /**
     * Records an attempt. A final outcome already recorded stays: two copies racing to record theirs
     * both carry the same answer, and a refusal recorded earlier is replaced by a later outcome.
     */
    public void record(String integrationId, String requestHash, int status, DeliveryAnswer answer, Instant at) {
        jdbc.sql("INSERT INTO webhook_delivery (integration_id, webhook_id, received_at, last_attempt_at, outcome, final, "
                        + "status, endpoint_id, version, artifact, request_hash, answer) VALUES (:id, :webhookId, :at, :at, "
                        + ":outcome, :final, :status, :endpointId, :version, :artifact, :hash, CAST(:answer AS jsonb)) "
                        + "ON CONFLICT (integration_id, webhook_id) DO UPDATE SET last_attempt_at = EXCLUDED.last_attempt_at, "
                        + "attempts = webhook_delivery.attempts + 1, outcome = EXCLUDED.outcome, final = EXCLUDED.final, "
                        + "status = EXCLUDED.status, endpoint_id = EXCLUDED.endpoint_id, version = EXCLUDED.version, "
                        + "artifact = EXCLUDED.artifact, answer = EXCLUDED.answer WHERE NOT webhook_delivery.final")
                .param("id", integrationId)
                .param("webhookId", answer.webhookId())
                .param("at", Timestamp.from(at))
                .param("outcome", answer.outcome().name())
                .param("final", answer.outcome().isFinal())
                .param("status", status)
                .param("endpointId", answer.endpointId())
                .param("version", answer.version())
                .param("artifact", answer.artifact())
                .param("hash", requestHash)
                .param("answer", write(answer))
                .update();
    }

    /** The newest deliveries first. */
    public List<Entry> recent(String integrationId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_delivery WHERE integration_id = :id "
                        + "ORDER BY received_at DESC, webhook_id LIMIT :limit")
                .param("id", integrationId).param("limit", limit)
                .query(this::entry).list();
    }

    private Entry entry(ResultSet rs, int n) throws SQLException {
        int version = rs.getInt("version");
        Integer nullableVersion = rs.wasNull() ? null : version;
        return new Entry(rs.getString("webhook_id"), rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("last_attempt_at").toInstant(), rs.getInt("attempts"),
                DeliveryOutcome.valueOf(rs.getString("outcome")), rs.getInt("status"), rs.getString("endpoint_id"),
                nullableVersion, rs.getString("artifact"), rs.getString("request_hash"), read(rs.getString("answer")));
    }

    private String write(DeliveryAnswer answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize a delivery answer", e);
        }
    }

    private DeliveryAnswer read(String answer) {
        try {
            return json.readValue(answer, DeliveryAnswer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not read a stored delivery answer", e);
        }
    }
}
