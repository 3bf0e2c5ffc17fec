package io.inferctl.command.endpoint.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal is a Problem Details answer naming the field and the reason, and stores nothing. */
class BadRequestTest extends CommandServiceTest {

    private static final String VALID_CONFIG = """
            "config": {"model": {"name": "m", "source": "hf://org/model"},
                       "accelerator": {"type": "NVIDIA_H100", "count": 1},
                       "autoscaling": {"minReplicas": 1, "maxReplicas": 2}}""";

    private static String endpointId;

    record Bad(String description, String method, String path, String token, String body, String contentType,
               Map<String, String> headers, int status, String field) {

        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Bad> badRequests() {
        String id = "{id}";
        String endpoint = "/v1/endpoints/" + id;
        String rollout = "/v1/internal/endpoints/" + id + "/versions/0/rollout/";
        return Stream.of(
                create("body is not JSON", "{", 400, "body"),
                create("body is empty", "", 400, "body"),
                create("body is an array", "[]", 400, "body"),
                create("unknown top-level field", "{\"name\": \"a\", " + VALID_CONFIG + ", \"color\": \"red\"}", 400, "color"),
                create("name missing", "{" + VALID_CONFIG + "}", 422, "name"),
                create("name is not a DNS label", "{\"name\": \"Llama_Chat\", " + VALID_CONFIG + "}", 422, "name"),
                create("name too long", "{\"name\": \"" + "a".repeat(41) + "\", " + VALID_CONFIG + "}", 422, "name"),
                create("name is a number", "{\"name\": 5, " + VALID_CONFIG + "}", 400, "name"),
                create("config missing", "{\"name\": \"a\"}", 422, "config"),
                create("config is a string", "{\"name\": \"a\", \"config\": \"big\"}", 400, "config"),
                create("unknown setting group", withConfig("\"gpu\": {\"count\": 1}"), 400, "config.gpu"),
                create("unknown engine setting", withConfig("\"engine\": {\"temperature\": 0.7}"), 400, "config.engine.temperature"),
                create("GPU count as a string", withConfig("\"accelerator\": {\"type\": \"NVIDIA_H100\", \"count\": \"2\"}"), 400, "config.accelerator.count"),
                create("GPU count not a power of two", withConfig("\"accelerator\": {\"type\": \"NVIDIA_H100\", \"count\": 3}"), 422, "config.accelerator.count"),
                create("GPU count fractional", withConfig("\"accelerator\": {\"type\": \"NVIDIA_H100\", \"count\": 2.5}"), 400, "config.accelerator.count"),
                create("accelerator outside the catalog", withConfig("\"accelerator\": {\"type\": \"NVIDIA_T4\", \"count\": 1}"), 422, "config.accelerator.type"),
                create("negative min replicas", withConfig("\"autoscaling\": {\"minReplicas\": -1, \"maxReplicas\": 2}"), 422, "config.autoscaling.minReplicas"),
                create("zero max replicas", withConfig("\"autoscaling\": {\"minReplicas\": 0, \"maxReplicas\": 0}"), 422, "config.autoscaling.maxReplicas"),
                create("max below min", withConfig("\"autoscaling\": {\"minReplicas\": 3, \"maxReplicas\": 2}"), 422, "config.autoscaling.maxReplicas"),
                create("negative cooldown", withConfig("\"autoscaling\": {\"minReplicas\": 1, \"maxReplicas\": 2, \"cooldownSeconds\": -5}"), 422, "config.autoscaling.cooldownSeconds"),
                create("model source with an unknown scheme", withConfig("\"model\": {\"name\": \"m\", \"source\": \"ftp://host/model\"}"), 422, "config.model.source"),
                create("s3 source without a path", withConfig("\"model\": {\"name\": \"m\", \"source\": \"s3://bucket\"}"), 422, "config.model.source"),
                create("model source that is not a URI", withConfig("\"model\": {\"name\": \"m\", \"source\": \"hf://org/bad model\"}"), 422, "config.model.source"),
                create("wandb source without an alias", withConfig("\"model\": {\"name\": \"m\", \"source\": \"wandb://team/proj/artifact\"}"), 422, "config.model.source"),
                create("model name missing", withConfig("\"model\": {\"source\": \"hf://org/model\"}"), 422, "config.model.name"),
                create("input longer than context", withConfig("\"engine\": {\"maxInputLength\": 9000, \"maxContextLength\": 8192}"), 422, "config.engine.maxInputLength"),
                create("zero batch size", withConfig("\"engine\": {\"maxBatchSize\": 0}"), 422, "config.engine.maxBatchSize"),
                create("tokenizer flag as a word", withConfig("\"engine\": {\"tokenizerSkipSpecialTokens\": \"yes\"}"), 400, "config.engine.tokenizerSkipSpecialTokens"),
                create("revision with spaces", withConfig("\"model\": {\"name\": \"m\", \"source\": \"hf://org/model\", \"revision\": \"a b\"}"), 422, "config.model.revision"),
                create("comment too long", "{\"name\": \"a\", \"comment\": \"" + "x".repeat(1001) + "\", " + VALID_CONFIG + "}", 422, "comment"),
                create("body over the size limit", "{\"name\": \"a\", \"comment\": \"" + "x".repeat(70_000) + "\", " + VALID_CONFIG + "}", 413, null),
                create("duplicate JSON key", "{\"name\": \"a\", \"name\": \"b\", " + VALID_CONFIG + "}", 400, "body"),
                new Bad("plain text body", "POST", "/v1/endpoints", Tokens.ALICE, "name=a", "text/plain", Map.of(), 415, null),
                patch("removing a required setting group", "{\"config\": {\"accelerator\": null}}", Map.of(), 422, "config.accelerator"),
                patch("removing a required setting", "{\"config\": {\"model\": {\"source\": null}}}", Map.of(), 422, "config.model.source"),
                patch("patch without config", "{\"comment\": \"nothing\"}", Map.of(), 422, "config"),
                patch("malformed If-Match", "{\"config\": {}}", Map.of("If-Match", "abc"), 400, "If-Match"),
                patch("Idempotency-Key too long", "{\"config\": {}}", Map.of("Idempotency-Key", "k".repeat(201)), 400, "Idempotency-Key"),
                new Bad("change to an unknown endpoint", "PATCH", "/v1/endpoints/" + UUID.randomUUID(), Tokens.ALICE,
                        "{\"config\": {\"accelerator\": {\"count\": 2}}}", "application/json", Map.of(), 404, null),
                new Bad("change to a malformed endpoint id", "PATCH", "/v1/endpoints/not-an-id", Tokens.ALICE,
                        "{\"config\": {\"accelerator\": {\"count\": 2}}}", "application/json", Map.of(), 404, null),
                post("rollback without target", endpoint + "/rollback", "{}", Tokens.ALICE, 422, "targetVersion"),
                post("rollback to a negative version", endpoint + "/rollback", "{\"targetVersion\": -1}", Tokens.ALICE, 422, "targetVersion"),
                post("rollback target as a word", endpoint + "/rollback", "{\"targetVersion\": \"zero\"}", Tokens.ALICE, 400, "targetVersion"),
                post("rollback to a version that does not exist", endpoint + "/rollback", "{\"targetVersion\": 99}", Tokens.ALICE, 422, "targetVersion"),
                post("cancel with a non-numeric version", endpoint + "/versions/abc/cancel", "{}", Tokens.ALICE, 400, "version"),
                post("failure report without code", rollout + "failed", "{\"message\": \"m\"}", Tokens.WORKER, 422, "code"),
                post("failure report with an unknown code", rollout + "failed", "{\"code\": \"OOPS\", \"message\": \"m\"}", Tokens.WORKER, 400, "code"),
                post("failure category that contradicts the code", rollout + "failed",
                        "{\"code\": \"INSUFFICIENT_GPU\", \"category\": \"NETWORK\", \"message\": \"m\"}", Tokens.WORKER, 422, "category"),
                post("failure report without message", rollout + "failed", "{\"code\": \"MODEL_NOT_FOUND\"}", Tokens.WORKER, 422, "message"),
                post("progress report without phase", rollout + "progress", "{\"message\": \"m\"}", Tokens.WORKER, 422, "phase"),
                post("progress report with an unknown phase", rollout + "progress", "{\"phase\": \"WARMING\"}", Tokens.WORKER, 400, "phase"),
                post("success report for a version not in progress", rollout + "succeeded", null, Tokens.WORKER, 409, null),
                post("cancelled report for a version not in progress", rollout + "cancelled", null, Tokens.WORKER, 409, null),
                post("start report for an unknown endpoint", "/v1/internal/endpoints/" + UUID.randomUUID()
                        + "/versions/0/rollout/started", null, Tokens.WORKER, 404, null),
                post("cancel with an unknown field", endpoint + "/versions/0/cancel", "{\"reason\": \"x\"}", Tokens.ALICE, 400, "reason"),
                post("cancel with a comment too long", endpoint + "/versions/0/cancel",
                        "{\"comment\": \"" + "x".repeat(1001) + "\"}", Tokens.ALICE, 422, "comment"),
                post("cancel of a version not in progress", endpoint + "/versions/0/cancel", "{}", Tokens.ALICE, 409, null),
                new Bad("delete with a comment too long", "DELETE", endpoint + "?comment=" + "x".repeat(1001), Tokens.ADMIN,
                        null, "application/json", Map.of(), 422, "comment"),
                new Bad("delete of an unknown endpoint", "DELETE", "/v1/endpoints/" + UUID.randomUUID(), Tokens.ADMIN,
                        null, "application/json", Map.of(), 404, null),
                new Bad("an event schema that does not exist", "GET", "/v1/schemas/events/Nope.v1.schema.json", null,
                        null, "application/json", Map.of(), 404, null));
    }

    @BeforeEach
    void anEndpointToTarget() {
        if (endpointId == null) {
            endpointId = servingEndpoint(unique("target"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWithAProblemNamingTheFieldAndAppendsNothing(Bad bad) {
        long eventsBefore = events.totalEvents();
        long namesBefore = jdbc.sql("SELECT count(*) FROM endpoint_name").query(Long.class).single();

        Api.Call call = switch (bad.method()) {
            case "POST" -> api.post(bad.path().replace("{id}", endpointId));
            case "PATCH" -> api.patch(bad.path().replace("{id}", endpointId));
            case "DELETE" -> api.delete(bad.path().replace("{id}", endpointId));
            case "GET" -> api.get(bad.path());
            default -> throw new IllegalArgumentException(bad.method());
        };
        bad.headers().forEach(call::header);
        Api.Response answer = call.as(bad.token()).contentType(bad.contentType()).json(bad.body()).send();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(bad.status());
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("status").asInt()).isEqualTo(bad.status());
        assertThat(answer.body().get("title").asText()).isNotBlank();
        assertThat(answer.body().get("type").asText()).startsWith("urn:inferctl:problem:");
        if (bad.field() != null) {
            assertThat(answer.body().get("errors")).as(answer.toString()).isNotNull();
            List<String> fields = answer.body().get("errors").findValuesAsText("field");
            assertThat(fields).as(answer.toString()).contains(bad.field());
            assertThat(answer.body().get("errors").findValuesAsText("reason")).allSatisfy(r -> assertThat(r).isNotBlank());
        }
        assertThat(events.totalEvents()).isEqualTo(eventsBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM endpoint_name").query(Long.class).single()).isEqualTo(namesBefore);
    }

    /** A create body whose config has one setting group replaced by {@code group}, e.g. {@code "engine": {...}}. */
    private static String withConfig(String group) {
        Map<String, String> groups = new java.util.LinkedHashMap<>();
        groups.put("model", "\"model\": {\"name\": \"m\", \"source\": \"hf://org/model\"}");
        groups.put("accelerator", "\"accelerator\": {\"type\": \"NVIDIA_H100\", \"count\": 1}");
        groups.put("autoscaling", "\"autoscaling\": {\"minReplicas\": 1, \"maxReplicas\": 2}");
        String name = group.substring(1, group.indexOf('"', 1));
        groups.put(name, group);
        return "{\"name\": \"bad\", \"config\": {" + String.join(", ", groups.values()) + "}}";
    }

    private static Bad create(String description, String body, int status, String field) {
        return new Bad(description, "POST", "/v1/endpoints", Tokens.ALICE, body, "application/json", Map.of(), status, field);
    }

    private static Bad patch(String description, String body, Map<String, String> headers, int status, String field) {
        return new Bad(description, "PATCH", "/v1/endpoints/{id}", Tokens.ALICE, body, "application/merge-patch+json",
                headers, status, field);
    }

    private static Bad post(String description, String path, String body, String token, int status, String field) {
        return new Bad(description, "POST", path, token, body, "application/json", Map.of(), status, field);
    }
}
