package io.inferctl.query.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.query.support.QueryServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.inferctl.query.endtoend.CommandSide.accepted;
import static io.inferctl.query.endtoend.CommandSide.report;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The brief's scenario against the real command service: its relay publishes to Kafka, this
 * service projects, and history, diff and audit say exactly what happened.
 */
class BriefScenarioTest extends QueryServiceTest {

    @Test
    void createUpdateFailedRolloutAndRollbackAppearInHistoryDiffAndAuditExactly() {
        Api commands = CommandSide.api();
        String name = "llama-" + UUID.randomUUID().toString().substring(0, 8);
        String id = accepted(commands.post("/v1/endpoints").as(Tokens.ALICE).json(CommandSide.createBody(name)))
                .body().get("endpointId").asText();
        report(id, 0, "started");
        report(id, 0, "succeeded");
        accepted(commands.patch("/v1/endpoints/" + id).as(Tokens.ALICE).ifMatch(0)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 2)), "comment", "more GPUs per replica")));
        report(id, 1, "started");
        accepted(commands.post("/v1/internal/endpoints/" + id + "/versions/1/rollout/failed").as(Tokens.WORKER)
                .json(Map.of("code", "INSUFFICIENT_GPU", "message", "0/4 nodes are available: 4 Insufficient nvidia.com/gpu.",
                        "step", "preflight")));
        long rollbackSequence = accepted(commands.post("/v1/endpoints/" + id + "/rollback").as(Tokens.ALICE)
                .json(Map.of("targetVersion", 0, "comment", "back to one GPU"))).body().get("sequence").asLong();

        Api.Response history = api.get("/v1/endpoints/" + id + "/versions?minSequence=" + rollbackSequence)
                .as(Tokens.VIEWER).send();

        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        JsonNode versions = history.body().get("items");
        assertThat(field(versions, "version")).containsExactly("2", "1", "0");
        assertThat(field(versions, "status")).containsExactly("PENDING", "FAILED", "CURRENT");
        assertThat(field(versions, "origin")).containsExactly("ROLLBACK", "UPDATE", "CREATE");
        assertThat(field(versions, "createdBy")).containsOnly("alice@example.com");
        assertThat(field(versions, "basedOn")).as("a rollback builds on the latest version, a change on the serving one")
                .containsExactly("1", "0", "null");
        JsonNode v2 = versions.get(0);
        assertThat(v2.get("rollbackOf").asInt()).isZero();
        assertThat(v2.get("comment").asText()).isEqualTo("back to one GPU");
        assertThat(v2.get("changes").toString()).isEqualTo("[{\"field\":\"accelerator.count\",\"from\":2,\"to\":1}]");
        JsonNode v1 = versions.get(1);
        assertThat(v1.get("changes").toString()).isEqualTo("[{\"field\":\"accelerator.count\",\"from\":1,\"to\":2}]");
        assertThat(v1.get("failure").toString()).isEqualTo("{\"category\":\"RESOURCES\",\"code\":\"INSUFFICIENT_GPU\","
                + "\"message\":\"0/4 nodes are available: 4 Insufficient nvidia.com/gpu.\",\"step\":\"preflight\"}");
        assertThat(v1.get("config").get("accelerator").get("count").asInt()).isEqualTo(2);
        JsonNode v0 = versions.get(2);
        assertThat(v0.get("changes")).hasSize(19); // every setting but model.revision and rollout.canarySteps (null)
        assertThat(v0.get("config").get("engine").get("maxBatchSize").isInt()).isTrue();
        assertThat(v2.get("config")).isEqualTo(v0.get("config"));
        assertThat(v2.get("timeline").get(0).get("at").asText()).isEqualTo(v2.get("createdAt").asText());

        JsonNode endpoint = api.get("/v1/endpoints/" + id).as(Tokens.VIEWER).send().body();
        assertThat(endpoint.get("status").asText()).isEqualTo("UPDATING");
        assertThat(endpoint.get("currentVersion").asInt()).isZero();
        assertThat(endpoint.get("inProgress").get("version").asInt()).isEqualTo(2);
        assertThat(endpoint.get("sequence").asLong()).isEqualTo(rollbackSequence);

        assertThat(api.get("/v1/endpoints/" + id + "/diff?from=0&to=1").as(Tokens.VIEWER).send().body()
                .get("changes").toString()).isEqualTo("[{\"field\":\"accelerator.count\",\"from\":1,\"to\":2}]");
        assertThat(api.get("/v1/endpoints/" + id + "/diff?from=0&to=2").as(Tokens.VIEWER).send().body()
                .get("changes")).isEmpty();

        JsonNode audit = api.get("/v1/audit?endpointId=" + id).as(Tokens.VIEWER).send().body().get("items");
        assertThat(field(audit, "action")).containsExactly("ROLLBACK", "ROLLOUT_FAILED", "UPDATE", "ROLLOUT_SUCCEEDED",
                "CREATE");
        assertThat(field(audit, "actor")).containsExactly("alice@example.com", "rollout-worker", "alice@example.com",
                "rollout-worker", "alice@example.com");
        assertThat(field(audit, "version")).containsExactly("2", "1", "1", "0", "0");
        assertThat(audit.get(2).get("changedFields").toString()).isEqualTo("[\"accelerator.count\"]");
        assertThat(audit.get(2).get("comment").asText()).isEqualTo("more GPUs per replica");
        assertThat(audit.get(1).get("detail").asText())
                .isEqualTo("RESOURCES/INSUFFICIENT_GPU at preflight: 0/4 nodes are available: 4 Insufficient nvidia.com/gpu.");
        assertThat(audit.get(0).get("occurredAt").asText()).isEqualTo(v2.get("createdAt").asText());
        assertThat(audit.get(4).get("endpointName").asText()).isEqualTo(name);
    }

    private static List<String> field(JsonNode items, String name) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.get(name).asText()));
        return values;
    }
}
