package io.inferctl.query.projection.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.config.AcceleratorSpec;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.ModelSpec;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.query.projection.ReadModelTables;
import io.inferctl.query.support.DeadLetterTopic;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import io.inferctl.query.support.ReadModelDump;
import io.inferctl.stream.StreamedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events the read model cannot store as they are, written straight onto the topic as an old
 * producer could: text PostgreSQL refuses is replaced, an event the database refuses for another
 * reason is dead-lettered, and neither stops the projection of any other endpoint or the rebuild.
 */
class UnstorableEventTest extends QueryServiceTest {

    /** Past PostgreSQL's last timestamp (year 294276), so the database refuses the row that holds it. */
    private static final Instant BEYOND_TIMESTAMPS = Instant.parse("+300000-01-01T00:00:00Z");

    @Test
    void anEventWhoseTextHoldsNulIsProjectedWithReplacementCharactersAndOtherEndpointsKeepFlowing() {
        EndpointConfig config = new EndpointConfig(new ModelSpec("Llama\u0000-8B", "hf://meta/llama", null),
                new AcceleratorSpec("NVIDIA_H100", 1), EndpointHistory.BASE_CONFIG.autoscaling(),
                EndpointHistory.BASE_CONFIG.engine());
        EndpointHistory withNul = EndpointHistory.of("nul-" + shortId()).created(config, "a\u0000b").served();
        EndpointHistory after = EndpointHistory.of("after-nul-" + shortId()).created().served();

        topic.send(withNul.events());
        topic.send(after.events());
        awaitProjected(after.endpointId(), after.lastSequence());
        awaitProjected(withNul.endpointId(), withNul.lastSequence());

        JsonNode version = api.get("/v1/endpoints/" + withNul.endpointId() + "/versions/0").as(Tokens.VIEWER).send().body();
        assertThat(version.get("comment").asText()).isEqualTo("a\uFFFDb");
        assertThat(version.get("config").get("model").get("name").asText()).isEqualTo("Llama\uFFFD-8B");
        assertThat(version.get("status").asText()).isEqualTo("CURRENT");
        JsonNode audit = api.get("/v1/audit?endpointId=" + withNul.endpointId() + "&action=CREATE").as(Tokens.VIEWER)
                .send().body();
        assertThat(audit.get("items").get(0).get("comment").asText()).isEqualTo("a\uFFFDb");
    }

    @Test
    void anEventTheDatabaseRefusesIsDeadLetteredAfterTheBoundedAttemptsAndEveryOtherEventApplies() {
        EndpointHistory refusedOne = EndpointHistory.of("overflow-" + shortId()).created();
        StreamedEvent overflow = versionCreatedAt(refusedOne, BEYOND_TIMESTAMPS);
        StreamedEvent startedAfter = rolloutOfFirstVersion(refusedOne, 2);
        EndpointHistory other = EndpointHistory.of("beside-overflow-" + shortId()).created().served();

        topic.send(refusedOne.events());
        topic.send(List.of(overflow, startedAfter));
        topic.send(other.events());
        awaitProjected(other.endpointId(), other.lastSequence());
        awaitProjected(refusedOne.endpointId(), 2);

        ConsumerRecord<String, byte[]> letter = DeadLetterTopic.letterFor(projection.deadLetterTopic(),
                refusedOne.endpointId());
        assertThat(DeadLetterTopic.header(letter, "ce_id")).isEqualTo(overflow.eventId());
        assertThat(DeadLetterTopic.header(letter, DeadLetters.REASON)).startsWith("the read model's database refused it");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM refused_event WHERE event_id = ?", Integer.class,
                overflow.eventId())).isOne();
        assertThat(api.get("/v1/endpoints/" + refusedOne.endpointId() + "/versions/1").as(Tokens.VIEWER).send()
                .status()).isEqualTo(404);
        JsonNode endpoint = api.get("/v1/endpoints/" + refusedOne.endpointId()).as(Tokens.VIEWER).send().body();
        assertThat(endpoint.get("sequence").asLong()).isEqualTo(2);
        assertThat(endpoint.get("inProgress").get("version").asInt()).isZero();
    }

    @Test
    void aRebuildSucceedsOverEventsWithNulAndEventsTheDatabaseRefused() {
        EndpointHistory withNul = EndpointHistory.of("rebuild-nul-" + shortId())
                .created(EndpointHistory.BASE_CONFIG, "x\u0000y").served();
        EndpointHistory refusedOne = EndpointHistory.of("rebuild-overflow-" + shortId()).created();
        StreamedEvent overflow = versionCreatedAt(refusedOne, BEYOND_TIMESTAMPS);
        topic.send(withNul.events());
        topic.send(refusedOne.events());
        topic.send(List.of(overflow, rolloutOfFirstVersion(refusedOne, 2)));
        awaitProjected(withNul.endpointId(), withNul.lastSequence());
        awaitProjected(refusedOne.endpointId(), 2);
        List<String> before = ReadModelDump.ofEndpoint(jdbc, ReadModelTables.LIVE, withNul.endpointId());
        List<String> refusedBefore = ReadModelDump.ofEndpoint(jdbc, ReadModelTables.LIVE, refusedOne.endpointId());

        assertThat(api.post("/v1/admin/rebuild").as(Tokens.ADMIN).send().status()).isEqualTo(202);
        JsonNode[] progress = new JsonNode[1];
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            progress[0] = api.get("/v1/admin/rebuild").as(Tokens.ADMIN).send().body();
            String state = progress[0].get("state").asText();
            return state.equals("COMPLETED") || state.equals("FAILED");
        });

        assertThat(progress[0].get("state").asText()).as(progress[0].toString()).isEqualTo("COMPLETED");
        assertThat(ReadModelDump.ofEndpoint(jdbc, ReadModelTables.LIVE, withNul.endpointId())).isEqualTo(before);
        assertThat(ReadModelDump.ofEndpoint(jdbc, ReadModelTables.LIVE, refusedOne.endpointId())).isEqualTo(refusedBefore);
        assertThat(api.get("/v1/endpoints/" + withNul.endpointId() + "/versions/0").as(Tokens.VIEWER).send().body()
                .get("comment").asText()).isEqualTo("x\uFFFDy");
    }

    /** A second version of the endpoint, at the next sequence, created at the given time. */
    private static StreamedEvent versionCreatedAt(EndpointHistory history, Instant createdAt) {
        EndpointConfig config = EndpointHistory.BASE_CONFIG.with(
                java.util.Map.of(io.inferctl.events.config.ConfigField.ACCELERATOR_COUNT, 2));
        Instant at = history.events().get(0).time().plusSeconds(1);
        return new StreamedEvent(UUID.randomUUID().toString(), history.endpointId(), history.lastSequence() + 1, at,
                new EndpointVersionCreated(history.endpointId(), history.name(), 1, VersionOrigin.UPDATE, null, config,
                        config.changesFrom(EndpointHistory.BASE_CONFIG), EndpointHistory.ALICE, createdAt,
                        "out of range", null));
    }

    private static StreamedEvent rolloutOfFirstVersion(EndpointHistory history, long sequence) {
        Instant at = history.events().get(0).time().plusSeconds(sequence);
        return new StreamedEvent(UUID.randomUUID().toString(), history.endpointId(), sequence, at,
                new RolloutStarted(history.endpointId(), 0, EndpointHistory.WORKER, at));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
