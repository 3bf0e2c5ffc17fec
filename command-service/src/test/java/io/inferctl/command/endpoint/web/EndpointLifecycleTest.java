package io.inferctl.command.endpoint.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.EventStore;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The brief's main job through the real HTTP API, with the worker's reports sent between steps. */
class EndpointLifecycleTest extends CommandServiceTest {

    @Test
    void createUpdateAndRollbackProduceImmutableVersions() {
        Api.Response created = api.post("/v1/endpoints").as(Tokens.ALICE).json(createBody(unique("chat"))).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.body().get("endpointId").asText();
        assertThat(created.header("Location")).isEqualTo("/v1/endpoints/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(created.body().get("version").asInt()).isZero();
        assertThat(created.body().get("status").asText()).isEqualTo("PENDING");
        assertThat(created.body().get("sequence").asLong()).isZero();
        reportServing(id, 0);

        Api.Response updated = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).ifMatch(0)
                .contentType("application/merge-patch+json")
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 2)), "comment", "more GPUs")).send();
        assertThat(updated.status()).as(updated.toString()).isEqualTo(202);
        assertThat(updated.body().get("version").asInt()).isEqualTo(1);
        assertThat(updated.body().get("changes")).hasSize(1);
        assertThat(updated.body().at("/changes/0/field").asText()).isEqualTo("accelerator.count");
        assertThat(updated.body().at("/changes/0/from").asInt()).isEqualTo(1);
        assertThat(updated.body().at("/changes/0/to").asInt()).isEqualTo(2);
        reportServing(id, 1);

        Api.Response rolledBack = api.post("/v1/endpoints/" + id + "/rollback").as(Tokens.BOB)
                .json(Map.of("targetVersion", 0, "comment", "back to one GPU")).send();
        assertThat(rolledBack.status()).as(rolledBack.toString()).isEqualTo(202);
        assertThat(rolledBack.body().get("version").asInt()).isEqualTo(2);
        assertThat(rolledBack.body().get("rollbackOf").asInt()).isZero();
        assertThat(rolledBack.body().get("origin").asText()).isEqualTo("ROLLBACK");

        List<EventStore.StoredEvent> history = events.eventsOf(id);
        assertThat(history).extracting(EventStore.StoredEvent::simpleType).containsExactly(
                "EndpointVersionCreated", "RolloutStarted", "RolloutSucceeded",
                "EndpointVersionCreated", "RolloutStarted", "RolloutSucceeded",
                "EndpointVersionCreated");
        assertThat(history).extracting(EventStore.StoredEvent::sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        JsonNode v0 = history.get(0).payload();
        JsonNode v2 = history.get(6).payload();
        assertThat(v2.get("config")).isEqualTo(v0.get("config"));
        assertThat(v2.get("createdBy").asText()).isEqualTo("bob@example.com");
        assertThat(v0.get("createdBy").asText()).isEqualTo("alice@example.com");
        assertThat(rolledBack.body().get("sequence").asLong()).isEqualTo(6L);
    }

    @Test
    void aChangeWhileARolloutIsInProgressIsAConflictNamingTheVersion() {
        String id = servingEndpoint(unique("busy"));
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("engine", Map.of("maxBatchSize", 128)))).send();

        Api.Response conflict = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("engine", Map.of("maxBatchSize", 256)))).send();

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.body().get("code").asText()).isEqualTo("ROLLOUT_IN_PROGRESS");
        assertThat(conflict.body().get("inProgressVersion").asInt()).isEqualTo(1);
        assertThat(conflict.body().get("detail").asText()).contains("Version 1 is PENDING");
        assertThat(events.createdVersions(id)).containsExactly(0, 1);
    }

    @Test
    void aChangeThatChangesNothingAnswers200WithTheLatestVersion() {
        String id = servingEndpoint(unique("same"));
        Api.Response same = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("accelerator", Map.of("type", "NVIDIA_H100")))).send();

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.body().get("changed").asBoolean()).isFalse();
        assertThat(same.body().get("version").asInt()).isZero();
        assertThat(same.body().get("status").asText()).isEqualTo("CURRENT");
        assertThat(events.createdVersions(id)).containsExactly(0);
    }

    @Test
    void aStaleIfMatchIsAPreconditionFailure() {
        String id = servingEndpoint(unique("stale"));
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).ifMatch(0)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 2)))).send();
        reportServing(id, 1);

        Api.Response stale = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).ifMatch(0)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 4)))).send();

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().get("code").asText()).isEqualTo("STALE_VERSION");
        assertThat(stale.body().get("latestVersion").asInt()).isEqualTo(1);
        assertThat(events.createdVersions(id)).containsExactly(0, 1);
    }

    @Test
    void cancellingARolloutWaitsForTheWorkerAndThenFreesTheEndpoint() {
        String id = servingEndpoint(unique("cancel"));
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("model", Map.of("revision", "v2")))).send();
        api.post("/v1/internal/endpoints/" + id + "/versions/1/rollout/started").as(Tokens.WORKER).send();

        Api.Response cancel = api.post("/v1/endpoints/" + id + "/versions/1/cancel").as(Tokens.ALICE)
                .json(Map.of("comment", "wrong revision")).send();
        assertThat(cancel.status()).as(cancel.toString()).isEqualTo(202);
        assertThat(cancel.body().get("cancellationRequested").asBoolean()).isTrue();
        assertThat(cancel.body().get("status").asText()).isEqualTo("ROLLING_OUT");

        Api.Response cancelled = api.post("/v1/internal/endpoints/" + id + "/versions/1/rollout/cancelled")
                .as(Tokens.WORKER).send();
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");

        Api.Response next = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("model", Map.of("revision", "v3")))).send();
        assertThat(next.status()).isEqualTo(202);
        assertThat(next.body().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void aFailedRolloutIsRecordedWithItsReasonAndTheCurrentVersionKeepsServing() {
        String id = servingEndpoint(unique("fail"));
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("accelerator", Map.of("type", "NVIDIA_B200", "count", 8)))).send();

        Api.Response failed = api.post("/v1/internal/endpoints/" + id + "/versions/1/rollout/failed").as(Tokens.WORKER)
                .json(Map.of("code", "INSUFFICIENT_GPU", "message", "0/4 nodes are available: 4 Insufficient nvidia.com/gpu.",
                        "step", "preflight")).send();

        assertThat(failed.status()).as(failed.toString()).isEqualTo(200);
        assertThat(failed.body().get("status").asText()).isEqualTo("FAILED");
        JsonNode event = events.eventsOf(id).get(events.eventsOf(id).size() - 1).payload();
        assertThat(event.get("category").asText()).isEqualTo("RESOURCES");
        assertThat(event.get("code").asText()).isEqualTo("INSUFFICIENT_GPU");
        assertThat(event.get("currentVersion").asInt()).isZero();

        Api.Response rollback = api.post("/v1/endpoints/" + id + "/rollback").as(Tokens.ALICE)
                .json(Map.of("targetVersion", 1)).send();
        assertThat(rollback.status()).isEqualTo(422);
        assertThat(rollback.body().get("code").asText()).isEqualTo("ROLLBACK_TARGET_NEVER_SERVED");
        assertThat(rollback.body().at("/errors/0/field").asText()).isEqualTo("targetVersion");
    }

    @Test
    void aDeletedEndpointIsGoneAndItsNameIsFree() {
        String name = unique("gone");
        String id = servingEndpoint(name);

        Api.Response deleted = api.delete("/v1/endpoints/" + id + "?comment=retired").as(Tokens.ADMIN).send();
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(202);

        Api.Response afterwards = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 2)))).send();
        assertThat(afterwards.status()).isEqualTo(410);
        assertThat(afterwards.body().get("code").asText()).isEqualTo("ENDPOINT_DELETED");

        Api.Response again = api.post("/v1/endpoints").as(Tokens.ALICE).json(createBody(name)).send();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().get("endpointId").asText()).isNotEqualTo(id);
    }

    @Test
    void aNameHeldByALiveEndpointIsAConflict() {
        String name = unique("taken");
        servingEndpoint(name);
        long before = events.totalEvents();

        Api.Response duplicate = api.post("/v1/endpoints").as(Tokens.BOB).json(createBody(name)).send();

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().get("code").asText()).isEqualTo("NAME_TAKEN");
        assertThat(duplicate.body().at("/errors/0/field").asText()).isEqualTo("name");
        assertThat(events.totalEvents()).isEqualTo(before);
    }

    @Test
    void anEndpointWithAHistoryLongerThanTheSnapshotThresholdKeepsItsRules() {
        String id = servingEndpoint(unique("long"));
        for (int version = 1; version <= 6; version++) {
            Api.Response change = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).ifMatch(version - 1)
                    .json(Map.of("config", Map.of("engine", Map.of("maxBatchSize", 64 + version)))).send();
            assertThat(change.status()).as(change.toString()).isEqualTo(202);
            reportServing(id, version);
        }
        Integer snapshots = jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = :id")
                .param("id", id).query(Integer.class).single();
        assertThat(snapshots).isPositive();

        Api.Response rollback = api.post("/v1/endpoints/" + id + "/rollback").as(Tokens.ALICE)
                .json(Map.of("targetVersion", 2)).send();
        assertThat(rollback.status()).as(rollback.toString()).isEqualTo(202);
        assertThat(rollback.body().get("version").asInt()).isEqualTo(7);
        assertThat(rollback.body().at("/changes/0/to").asInt()).isEqualTo(66);
    }
}
