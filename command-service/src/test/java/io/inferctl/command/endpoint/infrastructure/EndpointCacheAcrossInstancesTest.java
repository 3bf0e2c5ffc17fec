package io.inferctl.command.endpoint.infrastructure;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.EventStore;
import io.inferctl.command.support.RunningCommandService;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database, each with its own cache of loaded endpoints: an instance's entry
 * goes stale whenever the other one changes the endpoint. A stale entry must never be decided on:
 * no spurious refusal, no lost or doubled version, and idempotent retries still answered from the
 * first answer.
 */
class EndpointCacheAcrossInstancesTest {

    private static RunningCommandService a;
    private static RunningCommandService b;
    private static Api apiA;
    private static Api apiB;
    private static EventStore events;

    @BeforeAll
    static void startTwoInstances() {
        Map<String, Object> overrides = Map.of("inferctl.relay.topic", "endpoint-cache-instances-events");
        // One after the other: Flyway migrates the new database once, the second finds it done.
        a = RunningCommandService.start("command_endpoint_cache", overrides);
        b = RunningCommandService.start("command_endpoint_cache", overrides);
        apiA = new Api(a.port());
        apiB = new Api(b.port());
        events = new EventStore(a.context().getBean(JdbcClient.class));
    }

    @AfterAll
    static void stopBoth() {
        b.close();
        a.close();
    }

    @Test
    void changesAlternatingBetweenInstancesAllSucceedWithConsecutiveVersions() {
        String id = servingEndpoint(apiA, "alternate");
        List<Integer> answered = new ArrayList<>();

        for (int version = 1; version <= 6; version++) {
            // Each instance last saw the endpoint two versions ago: the other one changed it since.
            Api via = version % 2 == 1 ? apiB : apiA;
            Api.Response changed = via.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                    .json(Map.of("config", Map.of("autoscaling", Map.of("maxReplicas", version + 2)))).send();
            assertThat(changed.status()).as("change to v%d: %s", version, changed).isEqualTo(202);
            answered.add(changed.body().get("version").asInt());
            via.reportServing(id, version);
        }

        assertThat(answered).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(events.createdVersions(id)).containsExactly(0, 1, 2, 3, 4, 5, 6);
        List<EventStore.StoredEvent> stored = events.eventsOf(id);
        assertThat(stored).extracting(EventStore.StoredEvent::sequence)
                .containsExactlyElementsOf(IntStream.range(0, stored.size()).mapToObj(Long::valueOf).toList());
    }

    @Test
    void theInstanceThatMissedAChangeAcceptsTheCurrentIfMatchAndRefusesAStaleOne() {
        String id = servingEndpoint(apiA, "if-match");
        changeThrough(apiB, id, 0, 2);

        Api.Response current = apiA.patch("/v1/endpoints/" + id).as(Tokens.ALICE).ifMatch(1)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 4)))).send();
        assertThat(current.status()).as("%s", current).isEqualTo(202);
        assertThat(current.body().get("version").asInt()).isEqualTo(2);
        apiA.reportServing(id, 2);
        changeThrough(apiB, id, 2, 8);

        Api.Response stale = apiA.patch("/v1/endpoints/" + id).as(Tokens.ALICE).ifMatch(2)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 1)))).send();

        assertThat(stale.status()).as("%s", stale).isEqualTo(412);
        assertThat(events.createdVersions(id)).containsExactly(0, 1, 2, 3);
    }

    private static void changeThrough(Api api, String id, int ifMatch, int acceleratorCount) {
        Api.Response changed = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).ifMatch(ifMatch)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", acceleratorCount)))).send();
        assertThat(changed.status()).as("%s", changed).isEqualTo(202);
        api.reportServing(id, ifMatch + 1);
    }

    @Test
    void aRetryIsAnsweredWithTheFirstAnswerOnEitherInstanceAfterTheOtherChangedTheEndpoint() {
        String id = servingEndpoint(apiA, "replay");
        String key = UUID.randomUUID().toString();
        Map<String, Object> change = Map.of("config", Map.of("accelerator", Map.of("count", 2)));
        Api.Response first = apiA.patch("/v1/endpoints/" + id).as(Tokens.ALICE).idempotencyKey(key).json(change).send();
        apiA.reportServing(id, 1);
        Api.Response other = apiB.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 4)))).send();
        apiB.reportServing(id, 2);

        Api.Response retryA = apiA.patch("/v1/endpoints/" + id).as(Tokens.ALICE).idempotencyKey(key).json(change).send();
        Api.Response retryB = apiB.patch("/v1/endpoints/" + id).as(Tokens.ALICE).idempotencyKey(key).json(change).send();

        assertThat(first.status()).as("%s", first).isEqualTo(202);
        assertThat(other.status()).as("%s", other).isEqualTo(202);
        for (Api.Response retry : List.of(retryA, retryB)) {
            assertThat(retry.status()).as("%s", retry).isEqualTo(202);
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retry.body()).isEqualTo(first.body());
        }
        assertThat(events.createdVersions(id)).containsExactly(0, 1, 2);
    }

    private static String servingEndpoint(Api api, String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = api.post("/v1/endpoints").as(Tokens.ALICE).json(Map.of("name", name, "config", Map.of(
                "model", Map.of("name", "Llama-3.1-8B-Instruct", "source", "hf://meta-llama/Llama-3.1-8B-Instruct"),
                "accelerator", Map.of("type", "NVIDIA_H100", "count", 1),
                "autoscaling", Map.of("minReplicas", 1, "maxReplicas", 2)))).send();
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.body().get("endpointId").asText();
        api.reportServing(id, 0);
        return id;
    }
}
