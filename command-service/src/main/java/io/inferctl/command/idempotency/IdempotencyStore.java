package io.inferctl.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.command.endpoint.MutationResult;
import io.inferctl.stream.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.sql.Timestamp;
import java.util.Optional;

/** First answers to idempotent requests, kept for the configured retention. */
@Component
public class IdempotencyStore {

    /** What was first asked under a key, and what it returned. */
    public record StoredAnswer(String requestHash, MutationResult result) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json = EventJson.newMapper();

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<StoredAnswer> find(String principal, String key) {
        return jdbc.sql("SELECT request_hash, result::text AS result FROM idempotency_record "
                        + "WHERE principal = :principal AND idempotency_key = :key")
                .param("principal", principal)
                .param("key", key)
                .query((rs, row) -> new StoredAnswer(rs.getString("request_hash"), read(rs.getString("result"))))
                .optional();
    }

    /** @return {@code false} when the key already holds an answer (a concurrent duplicate won) */
    public boolean record(IdempotentRequest request, MutationResult result) {
        return jdbc.sql("INSERT INTO idempotency_record (principal, idempotency_key, request_hash, result) "
                        + "VALUES (:principal, :key, :hash, CAST(:result AS jsonb)) ON CONFLICT DO NOTHING")
                .param("principal", request.principal())
                .param("key", request.key())
                .param("hash", request.requestHash())
                .param("result", write(result))
                .update() == 1;
    }

    public int deleteOlderThan(Instant cutoff) {
        return jdbc.sql("DELETE FROM idempotency_record WHERE created_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    private String write(MutationResult result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize a command result", e);
        }
    }

    private MutationResult read(String result) {
        try {
            return json.readValue(result, MutationResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not read a stored command result", e);
        }
    }
}
