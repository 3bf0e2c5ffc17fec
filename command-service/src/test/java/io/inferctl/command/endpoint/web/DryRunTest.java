package io.inferctl.command.endpoint.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DryRunTest extends CommandServiceTest {

    @Test
    void aDryRunCreateAnswersVersionZeroAndStoresNothingNotEvenTheName() {
        String name = unique("dry-create");
        long stored = events.totalEvents();

        Api.Response dry = api.post("/v1/endpoints?dryRun=true").as(Tokens.ALICE).json(createBody(name)).send();

        assertThat(dry.status()).isEqualTo(201);
        assertThat(dry.body().get("dryRun").asBoolean()).isTrue();
        assertThat(dry.body().get("version").asInt()).isZero();
        assertThat(dry.body().get("changes")).isNotEmpty();
        assertThat(dry.header("Location")).isNull();
        assertThat(events.totalEvents()).isEqualTo(stored);
        Api.Response real = api.post("/v1/endpoints").as(Tokens.ALICE).json(createBody(name)).send();
        assertThat(real.status()).isEqualTo(201);
        assertThat(real.body().get("dryRun").asBoolean()).isFalse();
        assertThat(real.body().get("changes")).isEqualTo(dry.body().get("changes"));
    }

    @Test
    void aDryRunUpdateAnswersTheVersionAndChangesTheRealUpdateThenMakes() {
        String id = servingEndpoint(unique("dry-update"));
        Map<String, Object> body = Map.of("config", Map.of("autoscaling", Map.of("maxReplicas", 4)), "comment", "more");
        long stored = events.totalEvents();

        Api.Response dry = api.patch("/v1/endpoints/" + id + "?dryRun=true").as(Tokens.ALICE).ifMatch(0).json(body).send();

        assertThat(dry.status()).isEqualTo(202);
        assertThat(dry.header("ETag")).isEqualTo("\"1\"");
        assertThat(events.totalEvents()).isEqualTo(stored);
        assertThat(events.createdVersions(id)).containsExactly(0);
        Api.Response real = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).ifMatch(0).json(body).send();
        assertThat(real.status()).isEqualTo(202);
        assertThat(real.body().get("version")).isEqualTo(dry.body().get("version"));
        assertThat(real.body().get("changes")).isEqualTo(dry.body().get("changes"));
        assertThat(real.body().get("sequence")).isEqualTo(dry.body().get("sequence"));
    }

    @Test
    void aDryRunOfAChangeThatChangesNothingSaysSo() {
        String id = servingEndpoint(unique("dry-noop"));

        Api.Response dry = api.patch("/v1/endpoints/" + id + "?dryRun=true").as(Tokens.ALICE)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 1)))).send();

        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.body().get("changed").asBoolean()).isFalse();
        assertThat(dry.body().get("version").asInt()).isZero();
    }

    @Test
    void aDryRunIsRefusedExactlyAsTheRealCallWouldBe() {
        String id = servingEndpoint(unique("dry-refused"));
        Api.Response invalid = api.patch("/v1/endpoints/" + id + "?dryRun=true").as(Tokens.ALICE)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 3)))).send();
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).json(Map.of("config", Map.of("accelerator",
                Map.of("count", 2)))).send();
        long stored = events.totalEvents();
        Map<String, Object> change = Map.of("config", Map.of("autoscaling", Map.of("maxReplicas", 4)));

        Api.Response inProgress = api.patch("/v1/endpoints/" + id + "?dryRun=true").as(Tokens.ALICE).json(change).send();
        Api.Response stale = api.patch("/v1/endpoints/" + id + "?dryRun=true").as(Tokens.ALICE).ifMatch(0)
                .json(change).send();
        Api.Response neverServed = api.post("/v1/endpoints/" + id + "/rollback?dryRun=true").as(Tokens.ALICE)
                .json(Map.of("targetVersion", 1)).send();

        assertThat(inProgress.status()).isEqualTo(409);
        assertThat(inProgress.body().get("code").asText()).isEqualTo("ROLLOUT_IN_PROGRESS");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().at("/errors/0/field").asText()).isEqualTo("config.accelerator.count");
        assertThat(neverServed.status()).isEqualTo(409);
        assertThat(neverServed.body().get("code").asText()).isEqualTo("ROLLOUT_IN_PROGRESS");
        assertThat(events.totalEvents()).isEqualTo(stored);
    }

    @Test
    void aDryRunRollbackCancelAndDeleteChangeNothing() {
        String id = servingEndpoint(unique("dry-others"));
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).json(Map.of("config", Map.of("accelerator",
                Map.of("count", 2)))).send();
        reportServing(id, 1);
        long stored = events.totalEvents();

        Api.Response rollback = api.post("/v1/endpoints/" + id + "/rollback?dryRun=true").as(Tokens.ALICE)
                .json(Map.of("targetVersion", 0, "comment", "back")).send();
        Api.Response delete = api.delete("/v1/endpoints/" + id + "?dryRun=true").as(Tokens.ADMIN).send();

        assertThat(rollback.status()).isEqualTo(202);
        assertThat(rollback.body().get("version").asInt()).isEqualTo(2);
        assertThat(rollback.body().get("rollbackOf").asInt()).isZero();
        assertThat(rollback.body().at("/changes/0/field").asText()).isEqualTo("accelerator.count");
        assertThat(delete.status()).isEqualTo(202);
        assertThat(events.totalEvents()).isEqualTo(stored);

        api.post("/v1/endpoints/" + id + "/rollback").as(Tokens.ALICE).json(Map.of("targetVersion", 0)).send();
        long beforeCancel = events.totalEvents();
        Api.Response cancel = api.post("/v1/endpoints/" + id + "/versions/2/cancel?dryRun=true").as(Tokens.ALICE).send();
        assertThat(cancel.status()).isEqualTo(202);
        assertThat(cancel.body().get("cancellationRequested").asBoolean()).isTrue();
        assertThat(events.totalEvents()).isEqualTo(beforeCancel);
    }

    @Test
    void aDryRunDoesNotSpendItsIdempotencyKey() {
        String id = servingEndpoint(unique("dry-key"));
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("config", Map.of("autoscaling", Map.of("maxReplicas", 3)));

        api.patch("/v1/endpoints/" + id + "?dryRun=true").as(Tokens.ALICE).idempotencyKey(key).json(body).send();
        Api.Response real = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).idempotencyKey(key).json(body).send();

        assertThat(real.status()).isEqualTo(202);
        assertThat(real.header("Idempotent-Replayed")).isNull();
        assertThat(events.createdVersions(id)).containsExactly(0, 1);
    }

    @Test
    void aDryRunFlagThatIsNotABooleanIsRefusedNamingIt() {
        String id = servingEndpoint(unique("dry-flag"));
        long stored = events.totalEvents();

        Api.Response answer = api.patch("/v1/endpoints/" + id + "?dryRun=maybe").as(Tokens.ALICE)
                .json(Map.of("config", Map.of("autoscaling", Map.of("maxReplicas", 3)))).send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().at("/errors/0/field").asText()).isEqualTo("dryRun");
        assertThat(events.totalEvents()).isEqualTo(stored);
    }
}
