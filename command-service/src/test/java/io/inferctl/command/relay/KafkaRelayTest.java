package io.inferctl.command.relay;

import io.inferctl.stream.EndpointCloudEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.inferctl.command.relay.backpressure.RelayLag;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.EventStore;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.EventCatalog;
import io.inferctl.infra.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a plain Kafka consumer of {@code endpoint-events} sees. */
class KafkaRelayTest extends CommandServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ARRIVAL = Duration.ofSeconds(30);

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private KafkaRelayProperties relay;
    @Autowired
    private RelayLag lag;

    private KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    @BeforeEach
    void subscribe() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(relay.topic()));
    }

    @AfterEach
    void close() {
        consumer.close();
        StreamingEventProcessor processor = relayProcessor();
        if (!processor.isRunning()) {
            processor.start();
        }
        // Every later test's changes would be pushed back (429) while the relay re-sends the store.
        await().atMost(ARRIVAL).until(() -> lag.last().map(sample -> sample.events() == 0).orElse(false));
    }

    @Test
    void everyStoredEventArrivesOnceInOrderAsAValidCloudEvent() throws IOException {
        String id = servingEndpoint(unique("relay"));
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("accelerator", Map.of("type", "NVIDIA_B200", "count", 8)))).send();
        api.post("/v1/internal/endpoints/" + id + "/versions/1/rollout/failed").as(Tokens.WORKER)
                .json(Map.of("code", "INSUFFICIENT_GPU", "message", "no B200 free", "step", "preflight")).send();
        api.post("/v1/endpoints/" + id + "/rollback").as(Tokens.ALICE).json(Map.of("targetVersion", 0)).send();
        api.post("/v1/endpoints/" + id + "/versions/2/cancel").as(Tokens.ALICE).send();
        List<EventStore.StoredEvent> stored = events.eventsOf(id);
        assertThat(stored).hasSize(7);

        List<ConsumerRecord<String, byte[]>> records = awaitRecords(id, stored.size());

        assertThat(records).hasSize(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            EventStore.StoredEvent event = stored.get(i);
            Class<?> type = EventCatalog.events().stream()
                    .filter(e -> e.getSimpleName().equals(event.simpleType())).findFirst().orElseThrow();
            assertThat(record.key()).isEqualTo(id);
            assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(record, "ce_id")).isEqualTo(event.eventId());
            assertThat(header(record, "ce_type")).isEqualTo(EventCatalog.cloudEventType(type));
            assertThat(header(record, "ce_source")).isEqualTo("/inferctl/command-service");
            assertThat(header(record, "ce_subject")).isEqualTo(id);
            assertThat(OffsetDateTime.parse(header(record, "ce_time"))).isNotNull();
            assertThat(header(record, "ce_endpointsequence")).isEqualTo(String.valueOf(i));
            assertThat(header(record, "ce_partitionkey")).isEqualTo(id);
            assertThat(header(record, "ce_dataschema")).endsWith("/v1/schemas/events/" + EventCatalog.schemaFileName(type));
            assertThat(header(record, "content-type")).isEqualTo("application/json");

            JsonNode body = JSON.readTree(record.value());
            assertThat(schema(type).validate(body)).as("%s body against its schema", event.simpleType()).isEmpty();
            assertThat(body).isEqualTo(event.payload());

            try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
                CloudEvent cloudEvent = deserializer.deserialize(relay.topic(), record.headers(), record.value());
                assertThat(cloudEvent.getId()).isEqualTo(event.eventId());
                assertThat(cloudEvent.getExtension(EndpointCloudEvents.SEQUENCE_EXTENSION)).hasToString(String.valueOf(i));
            }
        }
    }

    @Test
    void aRelayRestartMidStreamLosesNothing() {
        String id = servingEndpoint(unique("restart"));
        awaitRecords(id, 3);

        StreamingEventProcessor processor = relayProcessor();
        processor.shutDown();
        for (int version = 1; version <= 3; version++) {
            Api.Response change = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                    .json(Map.of("config", Map.of("engine", Map.of("maxBatchSize", 64 + version)))).send();
            assertThat(change.status()).isEqualTo(202);
            reportServing(id, version);
        }
        assertThat(processor.isRunning()).isFalse();
        processor.start();

        List<EventStore.StoredEvent> stored = events.eventsOf(id);
        assertThat(awaitRecords(id, stored.size()))
                .extracting(r -> header(r, "ce_id"))
                .containsExactlyElementsOf(stored.stream().map(EventStore.StoredEvent::eventId).toList());
    }

    @Test
    void aRepublishedEventCarriesTheSameIdAndBody() {
        String id = servingEndpoint(unique("replay"));
        ConsumerRecord<String, byte[]> first = awaitRecords(id, 3).get(0);

        StreamingEventProcessor processor = relayProcessor();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        await().atMost(ARRIVAL).until(() -> {
            poll();
            return received.stream().filter(r -> header(r, "ce_id").equals(header(first, "ce_id"))).count() >= 2;
        });
        List<ConsumerRecord<String, byte[]>> copies = received.stream()
                .filter(r -> header(r, "ce_id").equals(header(first, "ce_id"))).toList();
        assertThat(copies).allSatisfy(copy -> {
            assertThat(copy.value()).isEqualTo(first.value());
            assertThat(header(copy, "ce_endpointsequence")).isEqualTo("0");
        });
    }

    /** The records of one endpoint, each id once in first-seen order, after at least {@code count} arrived. */
    private List<ConsumerRecord<String, byte[]>> awaitRecords(String endpointId, int count) {
        await().atMost(ARRIVAL).until(() -> {
            poll();
            return distinctFor(endpointId).size() >= count;
        });
        return distinctFor(endpointId);
    }

    private List<ConsumerRecord<String, byte[]>> distinctFor(String endpointId) {
        Map<String, ConsumerRecord<String, byte[]>> byId = new LinkedHashMap<>();
        received.stream().filter(r -> endpointId.equals(r.key())).forEach(r -> byId.putIfAbsent(header(r, "ce_id"), r));
        return List.copyOf(byId.values());
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
    }

    private StreamingEventProcessor relayProcessor() {
        return processing.eventProcessor(KafkaEventRelay.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonSchema schema(Class<?> eventType) throws IOException {
        try (InputStream in = KafkaRelayTest.class.getClassLoader().getResourceAsStream(EventCatalog.schemaResource(eventType))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        }
    }
}
