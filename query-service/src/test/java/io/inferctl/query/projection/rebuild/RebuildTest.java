package io.inferctl.query.projection.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.query.projection.ReadModelTables;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import io.inferctl.query.support.ReadModelDump;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rebuilding every read model from the topic while queries and the live projection go on. */
class RebuildTest extends QueryServiceTest {

    @Test
    void queriesKeepAnsweringDuringARebuildAndTheRebuiltModelEqualsTheOldOne() throws Exception {
        EndpointHistory history = EndpointHistory.of("rebuild-me").created().served()
                .updated(Map.of(ConfigField.ACCELERATOR_COUNT, 4), "four").started()
                .failed(FailureCode.QUOTA_EXCEEDED, "quota", "preflight").rolledBack(0, "back");
        publishAndAwait(history, EndpointHistory.of("rebuild-me-too").created().served());
        List<String> before = ReadModelDump.of(jdbc, ReadModelTables.LIVE);

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread readers = new Thread(() -> {
            Api reader = new Api(port);
            List<String> paths = List.of("/v1/endpoints/" + history.endpointId() + "/versions",
                    "/v1/endpoints/" + history.endpointId() + "/diff?from=0&to=1", "/v1/audit?limit=50",
                    "/v1/endpoints?limit=50");
            while (!stop.get()) {
                for (String path : paths) {
                    Api.Response response = reader.get(path).as(Tokens.VIEWER).send();
                    if (response.status() != 200 || response.body().get("items") == null && response.body().get("changes") == null) {
                        failures.add(path + " -> " + response);
                    }
                    answered.incrementAndGet();
                }
            }
        }, "queries-during-rebuild");
        readers.start();

        Api.Response started = api.post("/v1/admin/rebuild").as(Tokens.ADMIN).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo("/v1/admin/rebuild");
        JsonNode done = awaitRebuildEnd();

        stop.set(true);
        readers.join();
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("COMPLETED");
        assertThat(done.get("eventsApplied").asLong()).isGreaterThanOrEqualTo(history.events().size());
        assertThat(done.get("partitionsDone").asInt()).isEqualTo(done.get("partitions").asInt()).isPositive();
        assertThat(failures).isEmpty();
        assertThat(answered.get()).isPositive();
        double seconds = java.time.Duration.between(java.time.Instant.parse(done.get("startedAt").asText()),
                java.time.Instant.parse(done.get("finishedAt").asText())).toMillis() / 1000.0;
        System.out.printf("rebuild: %d events read, %d applied in %.2f s (%.0f events/s) while %d queries answered%n",
                done.get("eventsRead").asLong(), done.get("eventsApplied").asLong(), seconds,
                done.get("eventsRead").asLong() / seconds, answered.get());
        assertThat(ReadModelDump.of(jdbc, ReadModelTables.LIVE)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'rebuild\\_%'"
                + " OR table_name LIKE 'retired\\_%'", Integer.class)).isZero();
    }

    @Test
    void aTopicThatHoldsRecordsTwiceRebuildsToTheSameModel() {
        EndpointHistory history = EndpointHistory.of("relayed-twice").created().started()
                .progressed(io.inferctl.events.rollout.RolloutPhase.REQUESTING_GPUS).succeeded()
                .updated(Map.of(ConfigField.ACCELERATOR_COUNT, 2), "two").started().cancellationRequested("stop")
                .cancelled().deleted("gone");
        List<io.inferctl.stream.StreamedEvent> events = history.events();
        // The relay is at-least-once: after a crash it sends again what it had sent, later in the topic.
        topic.send(events.subList(0, 5));
        topic.send(events.subList(2, 5));
        topic.send(events.subList(5, events.size()));
        topic.send(events.subList(1, 3));
        awaitProjected(history.endpointId(), history.lastSequence());
        List<String> before = ReadModelDump.of(jdbc, ReadModelTables.LIVE);

        assertThat(api.post("/v1/admin/rebuild").as(Tokens.ADMIN).send().status()).isEqualTo(202);

        assertThat(awaitRebuildEnd().get("state").asText()).isEqualTo("COMPLETED");
        assertThat(ReadModelDump.of(jdbc, ReadModelTables.LIVE)).isEqualTo(before);
        assertThat(jdbc.queryForList("SELECT indexname FROM pg_indexes WHERE tablename = 'audit_entry'", String.class))
                .as("the rebuilt tables' indexes carry the live names").contains("audit_by_time", "audit_by_endpoint_action");
    }

    @Test
    void eventsPublishedDuringARebuildAreInTheModelItSwitchesTo() {
        assertThat(api.post("/v1/admin/rebuild").as(Tokens.ADMIN).send().status()).isEqualTo(202);
        EndpointHistory during = EndpointHistory.of("born-during-rebuild").created().served();
        topic.send(during.events());

        assertThat(awaitRebuildEnd().get("state").asText()).isEqualTo("COMPLETED");
        awaitProjected(during.endpointId(), during.lastSequence());
        Api.Response endpoint = api.get("/v1/endpoints/" + during.endpointId()).as(Tokens.VIEWER).send();
        assertThat(endpoint.body().get("status").asText()).isEqualTo("SERVING");
    }

    @Test
    void aSecondRebuildWhileOneRunsIsRefused() {
        Api.Response first = api.post("/v1/admin/rebuild").as(Tokens.ADMIN).send();
        Api.Response second = api.post("/v1/admin/rebuild").as(Tokens.ADMIN).send();

        assertThat(first.status()).isEqualTo(202);
        if (second.status() != 202) { // the first may already have finished on a fast machine
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.body().get("code").asText()).isEqualTo("REBUILD_IN_PROGRESS");
        }
        assertThat(awaitRebuildEnd().get("state").asText()).isEqualTo("COMPLETED");
    }

    private JsonNode awaitRebuildEnd() {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PROJECTED).until(() -> {
            last[0] = api.get("/v1/admin/rebuild").as(Tokens.ADMIN).send().body();
            String state = last[0].get("state").asText();
            return state.equals("COMPLETED") || state.equals("FAILED");
        });
        return last[0];
    }
}
