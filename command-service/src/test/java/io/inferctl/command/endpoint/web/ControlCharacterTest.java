package io.inferctl.command.endpoint.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.EventStore;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.config.AcceleratorSpec;
import io.inferctl.events.config.AutoscalingSpec;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.EngineSettings;
import io.inferctl.events.config.ModelSpec;
import io.inferctl.events.version.VersionOrigin;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text a client sends ends up in events: in PostgreSQL, on Kafka, in consoles and in a pod's
 * environment. Control characters and unpaired surrogates are refused in every such field, with
 * the field, the character and its position, and nothing is stored.
 */
class ControlCharacterTest extends CommandServiceTest {

    private static final String SERVING = "{serving}";
    private static final String ROLLING = "{rolling}";
    private static final String NUL = "\\u0000";

    private static String servingId;
    private static String rollingId;

    @LocalServerPort
    private int port;

    @Autowired
    private org.axonframework.eventsourcing.eventstore.EventStore axonEventStore;

    /** A request that would be accepted but for the one bad character in {@code field}. */
    record Bad(String description, String method, String path, String token, String body, String field, String found) {

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Bad> badText() {
        String rollout = "/v1/internal/endpoints/" + ROLLING + "/versions/0/rollout/";
        return Stream.of(
                create("NUL in the comment of a create", "a" + NUL + "b", "m", "hf://org/model", null, "comment", "U+0000 at position 2"),
                create("lone surrogate in the comment of a create", "\\ud800", "m", "hf://org/model", null, "comment", "U+D800 at position 1"),
                create("DEL in the comment of a create", "ok\\u007f", "m", "hf://org/model", null, "comment", "U+007F at position 3"),
                create("C1 control in the comment of a create", "\\u0085", "m", "hf://org/model", null, "comment", "U+0085 at position 1"),
                new Bad("NUL in the endpoint name", "POST", "/v1/endpoints", Tokens.ALICE,
                        "{\"name\": \"chat" + NUL + "\", " + config("m", "hf://org/model", null) + "}", "name", "U+0000 at position 5"),
                create("NUL in the model name", null, "Llama" + NUL, "hf://org/model", null, "config.model.name", "U+0000 at position 6"),
                create("line feed in the model name", null, "Llama\\n3", "hf://org/model", null, "config.model.name", "U+000A at position 6"),
                create("lone surrogate in the model name", null, "Llama\\udc00", "hf://org/model", null, "config.model.name", "U+DC00 at position 6"),
                create("NUL in the model source", null, "m", "hf://org/mo" + NUL + "del", null, "config.model.source", "U+0000 at position 12"),
                create("lone surrogate in the model source", null, "m", "hf://org/model\\ud800", null, "config.model.source", "U+D800 at position 15"),
                create("NUL in the model revision", null, "m", "hf://org/model", "ma" + NUL + "in", "config.model.revision", "U+0000 at position 3"),
                new Bad("NUL in the comment of a change", "PATCH", "/v1/endpoints/" + SERVING, Tokens.ALICE,
                        "{\"config\": {\"accelerator\": {\"count\": 2}}, \"comment\": \"a" + NUL + "\"}", "comment", "U+0000 at position 2"),
                new Bad("NUL in the model name of a change", "PATCH", "/v1/endpoints/" + SERVING, Tokens.ALICE,
                        "{\"config\": {\"model\": {\"name\": \"Llama" + NUL + "\"}}}", "config.model.name", "U+0000 at position 6"),
                new Bad("NUL in the comment of a rollback", "POST", "/v1/endpoints/" + SERVING + "/rollback", Tokens.ALICE,
                        "{\"targetVersion\": 0, \"comment\": \"" + NUL + "\"}", "comment", "U+0000 at position 1"),
                new Bad("NUL in the comment of a cancellation", "POST", "/v1/endpoints/" + ROLLING + "/versions/0/cancel",
                        Tokens.ALICE, "{\"comment\": \"stop" + NUL + "\"}", "comment", "U+0000 at position 5"),
                new Bad("NUL in the comment parameter of a delete", "DELETE", "/v1/endpoints/" + SERVING + "?comment=a%00b",
                        Tokens.ADMIN, null, "comment", "U+0000 at position 2"),
                new Bad("escape character in a progress message", "POST", rollout + "progress", Tokens.WORKER,
                        "{\"phase\": \"PREFLIGHT\", \"message\": \"\\u001b[31mred\"}", "message", "U+001B at position 1"),
                new Bad("NUL in a failure message", "POST", rollout + "failed", Tokens.WORKER,
                        "{\"code\": \"MODEL_NOT_FOUND\", \"message\": \"no" + NUL + "\"}", "message", "U+0000 at position 3"),
                new Bad("line feed in a failed step", "POST", rollout + "failed", Tokens.WORKER,
                        "{\"code\": \"MODEL_NOT_FOUND\", \"message\": \"m\", \"step\": \"wait\\nready\"}", "step", "U+000A at position 5"));
    }

    @BeforeEach
    void endpointsToTarget() {
        if (servingId == null) {
            servingId = servingEndpoint(unique("serving"));
        }
        if (rollingId == null) {
            Api.Response created = api.post("/v1/endpoints").as(Tokens.ALICE).json(createBody(unique("rolling"))).send();
            rollingId = created.body().get("endpointId").asText();
            assertThat(api.post("/v1/internal/endpoints/" + rollingId + "/versions/0/rollout/started")
                    .as(Tokens.WORKER).send().status()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badText")
    void isRefusedNamingTheFieldTheCharacterAndItsPositionAndStoresNothing(Bad bad) {
        long eventsBefore = events.totalEvents();
        long namesBefore = jdbc.sql("SELECT count(*) FROM endpoint_name").query(Long.class).single();
        String key = UUID.randomUUID().toString();
        String path = bad.path().replace(SERVING, servingId).replace(ROLLING, rollingId);
        Api.Call call = switch (bad.method()) {
            case "POST" -> api.post(path);
            case "PATCH" -> api.patch(path);
            case "DELETE" -> api.delete(path);
            default -> throw new IllegalArgumentException(bad.method());
        };

        Api.Response answer = call.as(bad.token()).idempotencyKey(key).json(bad.body()).send();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("code").asText()).isIn("VALIDATION_FAILED", "INVALID_CONFIGURATION");
        assertThat(reasonFor(answer, bad.field())).as(answer.toString()).contains("(found " + bad.found() + ")");
        assertThat(events.totalEvents()).isEqualTo(eventsBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM endpoint_name").query(Long.class).single()).isEqualTo(namesBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_record WHERE idempotency_key = :key")
                .param("key", key).query(Long.class).single()).isZero();
    }

    @Test
    void commentsKeepTabsLineBreaksAndEmojiAsSent() {
        String comment = "bigger batches\tfor peak\r\nsee ticket \uD83D\uDE80";
        Api.Response changed = api.patch("/v1/endpoints/" + servingId).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("engine", Map.of("maxBatchSize", 96)), "comment", comment)).send();

        assertThat(changed.status()).as(changed.toString()).isEqualTo(202);
        List<EventStore.StoredEvent> history = events.eventsOf(servingId);
        assertThat(history.get(history.size() - 1).payload().get("comment").asText()).isEqualTo(comment);
        reportServing(servingId, changed.body().get("version").asInt());
    }

    @Test
    void theRevisionRuleSaysWhichCharactersItAllows() {
        Api.Response answer = api.post("/v1/endpoints").as(Tokens.ALICE)
                .json("{\"name\": \"rev\", " + config("m", "hf://org/model", "v1 final") + "}").send();

        assertThat(answer.status()).isEqualTo(422);
        assertThat(reasonFor(answer, "config.model.revision")).contains(
                "ASCII letter, a digit, '.', '_', '/' or '-'", "found U+0020 at position 3");
    }

    @Test
    void aVersionStoredWithAControlCharacterBeforeTheRulesIsRefusedAsARollbackTargetNamingTheField() {
        String id = UUID.randomUUID().toString();
        EndpointConfig legacy = new EndpointConfig(new ModelSpec("Llama\u0000", "hf://org/model", null),
                new AcceleratorSpec("NVIDIA_H100", 1), new AutoscalingSpec(1, 2, 300),
                new EngineSettings(64, 4096, 8192, true, false, 30000));
        Instant now = Instant.now();
        appendAsBeforeTheRules(id,
                new EndpointVersionCreated(id, unique("legacy"), 0, VersionOrigin.CREATE, null, legacy,
                        legacy.changesFrom(null), "alice@example.com", now, "written before the text rules", null),
                new RolloutStarted(id, 0, "rollout-worker", now),
                new RolloutSucceeded(id, 0, null, "rollout-worker", now));

        Api.Response unrelatedChange = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 2)))).send();
        assertThat(unrelatedChange.status()).as(unrelatedChange.toString()).isEqualTo(422);
        assertThat(reasonFor(unrelatedChange, "config.model.name")).contains("U+0000 at position 6");

        Api.Response fixed = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("model", Map.of("name", "Llama")))).send();
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(202);
        reportServing(id, 1);
        int eventsBefore = events.eventsOf(id).size();

        Api.Response rollback = api.post("/v1/endpoints/" + id + "/rollback").as(Tokens.ALICE)
                .json(Map.of("targetVersion", 0)).send();

        assertThat(rollback.status()).as(rollback.toString()).isEqualTo(422);
        assertThat(rollback.body().get("code").asText()).isEqualTo("INVALID_CONFIGURATION");
        assertThat(reasonFor(rollback, "config.model.name")).contains("U+0000 at position 6");
        assertThat(events.eventsOf(id)).hasSize(eventsBefore);
    }

    @Test
    void aHeaderWithAnAsciiControlCharacterIsRefusedByTheWebServerBeforeTheApi() throws IOException {
        String id = servingEndpoint(unique("headers"));
        long eventsBefore = events.totalEvents();

        String ifMatch = rawPatch(id, "If-Match: \"0\u0000\"");
        String key = rawPatch(id, "Idempotency-Key: key\u0001");

        assertThat(ifMatch).startsWith("HTTP/1.1 400");
        assertThat(key).startsWith("HTTP/1.1 400");
        assertThat(events.totalEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void aHeaderWithALatinOneControlCharacterIsRefusedNamingTheHeader() throws IOException {
        String id = servingEndpoint(unique("headers"));
        long eventsBefore = events.totalEvents();

        String ifMatch = rawPatch(id, "If-Match: \"0\"\u0085");
        String key = rawPatch(id, "Idempotency-Key: key\u0085");
        String unread = rawPatch(id, "User-Agent: probe\u009F");

        assertThat(ifMatch).startsWith("HTTP/1.1 400").contains("application/problem+json",
                "{\"field\":\"If-Match\",\"reason\":\"must not contain control characters (found U+0085 at position 4)\"}");
        assertThat(key).startsWith("HTTP/1.1 400").contains("\"field\":\"Idempotency-Key\"", "U+0085 at position 4");
        assertThat(unread).startsWith("HTTP/1.1 400").contains("\"field\":\"User-Agent\"", "U+009F at position 6");
        assertThat(events.totalEvents()).isEqualTo(eventsBefore);
    }

    /** Writes events the way the service did before it refused such text: straight into the event store. */
    private void appendAsBeforeTheRules(String endpointId, Object... payloads) {
        for (int sequence = 0; sequence < payloads.length; sequence++) {
            axonEventStore.publish(new GenericDomainEventMessage<>("Endpoint", endpointId, sequence, payloads[sequence]));
        }
    }

    /**
     * A change of the accelerator count sent with {@code header} as ISO-8859-1 bytes, and the whole
     * answer. Java's HTTP client refuses or replaces control characters in headers; a raw socket does not.
     */
    private String rawPatch(String endpointId, String header) throws IOException {
        byte[] content = "{\"config\": {\"accelerator\": {\"count\": 4}}}".getBytes(StandardCharsets.UTF_8);
        String request = "PATCH /v1/endpoints/" + endpointId + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Authorization: Bearer " + Tokens.ALICE + "\r\n"
                + header + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String reasonFor(Api.Response answer, String field) {
        JsonNode errors = answer.body().get("errors");
        assertThat(errors).as(answer.toString()).isNotNull();
        for (JsonNode error : errors) {
            if (error.get("field").asText().equals(field)) {
                return error.get("reason").asText();
            }
        }
        throw new AssertionError("no error names " + field + ": " + answer);
    }

    private static Bad create(String description, String comment, String modelName, String source, String revision,
                              String field, String found) {
        String commentPart = comment == null ? "" : "\"comment\": \"" + comment + "\", ";
        return new Bad(description, "POST", "/v1/endpoints", Tokens.ALICE,
                "{\"name\": \"" + unique("text") + "\", " + commentPart + config(modelName, source, revision) + "}", field, found);
    }

    /** A valid config section (as JSON) with the given model; strings are inserted as JSON text, escapes included. */
    private static String config(String modelName, String source, String revision) {
        return "\"config\": {\"model\": {\"name\": \"" + modelName + "\", \"source\": \"" + source + "\""
                + (revision == null ? "" : ", \"revision\": \"" + revision + "\"") + "},"
                + " \"accelerator\": {\"type\": \"NVIDIA_H100\", \"count\": 1},"
                + " \"autoscaling\": {\"minReplicas\": 1, \"maxReplicas\": 2}}";
    }
}
