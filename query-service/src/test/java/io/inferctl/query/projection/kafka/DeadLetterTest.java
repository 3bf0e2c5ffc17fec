package io.inferctl.query.projection.kafka;

import io.inferctl.command.support.Tokens;
import io.inferctl.events.RolloutStarted;
import io.inferctl.stream.StreamedEvent;
import io.inferctl.query.support.DeadLetterTopic;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Records that are not our events go to the dead-letter topic with their reason; the partition keeps flowing. */
class DeadLetterTest extends QueryServiceTest {

    @Test
    void aRecordThatIsNoCloudEventIsDeadLetteredWithItsReasonAndLaterEventsAreApplied() {
        EndpointHistory history = EndpointHistory.of("after-garbage").created().served();
        byte[] garbage = "{\"this is\": \"not a CloudEvent\"}".getBytes(StandardCharsets.UTF_8);

        // Same key: same partition, so the good events queue up behind the garbage.
        topic.sendRaw(history.endpointId(), garbage, new RecordHeaders());
        publishAndAwait(history);

        ConsumerRecord<String, byte[]> letter = deadLetterFor(history.endpointId());
        assertThat(letter.value()).isEqualTo(garbage);
        assertThat(header(letter, DeadLetters.REASON)).startsWith("not a CloudEvent");
        assertThat(header(letter, DeadLetters.ORIGINAL_TOPIC)).isEqualTo(projection.topic());
        assertThat(header(letter, DeadLetters.ORIGINAL_OFFSET)).matches("\\d+");
    }

    @Test
    void aCloudEventOfAnUnknownTypeIsDeadLetteredWithItsReasonAndLaterEventsAreApplied() {
        EndpointHistory history = EndpointHistory.of("after-unknown-type").created();
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", "not-ours-1".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "/somebody/else".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", "com.example.SomethingHappened.v1".getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        byte[] body = "{\"what\": \"something\"}".getBytes(StandardCharsets.UTF_8);

        topic.sendRaw(history.endpointId(), body, headers);
        publishAndAwait(history);

        ConsumerRecord<String, byte[]> letter = deadLetterFor(history.endpointId());
        assertThat(letter.value()).isEqualTo(body);
        assertThat(header(letter, DeadLetters.REASON)).isEqualTo("unknown event type 'com.example.SomethingHappened.v1'");
        assertThat(header(letter, "ce_type")).isEqualTo("com.example.SomethingHappened.v1");
    }

    @Test
    void anEventThatContradictsItsEndpointsHistoryIsDeadLetteredAndTheEndpointsLaterEventsApply() {
        EndpointHistory history = EndpointHistory.of("contradicted").created();
        Instant at = history.events().get(0).time();
        StreamedEvent bogus = new StreamedEvent(UUID.randomUUID().toString(), history.endpointId(), 1, at.plusSeconds(1),
                new RolloutStarted(history.endpointId(), 7, EndpointHistory.WORKER, at.plusSeconds(1)));
        StreamedEvent started = new StreamedEvent(UUID.randomUUID().toString(), history.endpointId(), 2, at.plusSeconds(2),
                new RolloutStarted(history.endpointId(), 0, EndpointHistory.WORKER, at.plusSeconds(2)));

        topic.send(history.events());
        topic.send(List.of(bogus, started));
        awaitProjected(history.endpointId(), 2);

        ConsumerRecord<String, byte[]> letter = deadLetterFor(history.endpointId());
        assertThat(header(letter, "ce_id")).isEqualTo(bogus.eventId());
        assertThat(header(letter, DeadLetters.REASON)).contains("names version 7", "does not exist");
        assertThat(api.get("/v1/endpoints/" + history.endpointId() + "/versions/0").as(Tokens.VIEWER).send()
                .body().get("status").asText()).isEqualTo("ROLLING_OUT");
    }

    @Test
    void aParkedEventThatTurnsOutToContradictItsHistoryIsDeadLetteredWhenItsTurnComes() {
        EndpointHistory history = EndpointHistory.of("parked-then-refused").created().started();
        Instant at = history.events().get(1).time();
        StreamedEvent bogus = new StreamedEvent(UUID.randomUUID().toString(), history.endpointId(), 2, at.plusSeconds(1),
                new RolloutStarted(history.endpointId(), 9, EndpointHistory.WORKER, at.plusSeconds(1)));

        topic.send(List.of(history.events().get(0), bogus));
        awaitProjected(history.endpointId(), 0);
        await().atMost(PROJECTED).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM parked_event WHERE endpoint_id = ?", Integer.class, history.endpointId()) == 1);
        topic.send(List.of(history.events().get(1)));
        awaitProjected(history.endpointId(), 2);

        ConsumerRecord<String, byte[]> letter = deadLetterFor(history.endpointId());
        assertThat(header(letter, "ce_id")).isEqualTo(bogus.eventId());
        assertThat(header(letter, "ce_type")).isEqualTo("io.inferctl.endpoint.RolloutStarted.v1");
        assertThat(header(letter, DeadLetters.REASON)).contains("names version 9");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).contains("\"version\":9");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM parked_event WHERE endpoint_id = ?", Integer.class,
                history.endpointId())).isZero();
    }

    private ConsumerRecord<String, byte[]> deadLetterFor(String key) {
        return DeadLetterTopic.letterFor(projection.deadLetterTopic(), key);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return DeadLetterTopic.header(record, name);
    }
}
