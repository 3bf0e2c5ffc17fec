package io.inferctl.command.endpoint.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTest extends CommandServiceTest {

    @Test
    void aRetriedCreateReturnsTheFirstAnswerAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = createBody(unique("idem"));

        Api.Response first = api.post("/v1/endpoints").as(Tokens.ALICE).idempotencyKey(key).json(body).send();
        long stored = events.totalEvents();
        Api.Response retry = api.post("/v1/endpoints").as(Tokens.ALICE).idempotencyKey(key).json(body).send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(events.totalEvents()).isEqualTo(stored);
    }

    @Test
    void aRetryWhoseBodyIsOnlyReformattedIsTheSameRequest() {
        String key = UUID.randomUUID().toString();
        String id = servingEndpoint(unique("idem-format"));

        Api.Response first = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).idempotencyKey(key)
                .json("{\"comment\":\"x\",\"config\":{\"accelerator\":{\"count\":2}}}").send();
        Api.Response retry = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).idempotencyKey(key)
                .json("{ \"config\": { \"accelerator\": { \"count\": 2 } }, \"comment\": \"x\" }").send();

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(events.createdVersions(id)).containsExactly(0, 1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = UUID.randomUUID().toString();
        String id = servingEndpoint(unique("idem-reuse"));
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).idempotencyKey(key)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 2)))).send();
        long stored = events.totalEvents();

        Api.Response reused = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).idempotencyKey(key)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 4)))).send();

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.body().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.body().at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");
        assertThat(events.totalEvents()).isEqualTo(stored);
    }

    @Test
    void keysBelongToTheirCaller() {
        String key = UUID.randomUUID().toString();
        Api.Response alice = api.post("/v1/endpoints").as(Tokens.ALICE).idempotencyKey(key)
                .json(createBody(unique("alice"))).send();
        Api.Response bob = api.post("/v1/endpoints").as(Tokens.BOB).idempotencyKey(key)
                .json(createBody(unique("bob"))).send();

        assertThat(alice.status()).isEqualTo(201);
        assertThat(bob.status()).isEqualTo(201);
        assertThat(bob.body().get("endpointId")).isNotEqualTo(alice.body().get("endpointId"));
    }

    @Test
    void concurrentRetriesOfOneRequestAllGetTheOneAnswer() {
        String key = UUID.randomUUID().toString();
        String id = servingEndpoint(unique("idem-race"));

        List<CompletableFuture<Api.Response>> retries = new ArrayList<>();
        IntStream.range(0, 10).forEach(i -> retries.add(CompletableFuture.supplyAsync(() ->
                api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).idempotencyKey(key)
                        .json(Map.of("config", Map.of("accelerator", Map.of("count", 2)))).send())));
        List<Api.Response> answers = retries.stream().map(CompletableFuture::join).toList();

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).as(a.toString()).isEqualTo(202);
            assertThat(a.body().get("version").asInt()).isEqualTo(1);
        });
        assertThat(events.createdVersions(id)).containsExactly(0, 1);
    }

    @Test
    void workerReportsRetriedWithTheirKeyAreAcceptedOnce() {
        Api.Response created = api.post("/v1/endpoints").as(Tokens.ALICE).json(createBody(unique("idem-worker"))).send();
        String id = created.body().get("endpointId").asText();
        String rollout = "/v1/internal/endpoints/" + id + "/versions/0/rollout/";
        api.post(rollout + "started").as(Tokens.WORKER).idempotencyKey(id + "/0/started").send();

        Api.Response first = api.post(rollout + "succeeded").as(Tokens.WORKER).idempotencyKey(id + "/0/succeeded").send();
        Api.Response retry = api.post(rollout + "succeeded").as(Tokens.WORKER).idempotencyKey(id + "/0/succeeded").send();
        Api.Response withoutKey = api.post(rollout + "succeeded").as(Tokens.WORKER).send();

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(withoutKey.status()).isEqualTo(409);
        assertThat(events.eventsOf(id)).extracting(e -> e.simpleType())
                .containsExactly("EndpointVersionCreated", "RolloutStarted", "RolloutSucceeded");
    }
}
