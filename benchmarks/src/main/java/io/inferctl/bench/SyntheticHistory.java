package io.inferctl.bench;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.config.AcceleratorSpec;
import io.inferctl.events.config.AutoscalingSpec;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.EngineSettings;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.config.ModelSpec;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.stream.EndpointCloudEvents;
import io.inferctl.stream.StreamedEvent;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A long history written straight onto the topic, in the wire form the relay uses: one endpoint
 * with many versions, and as many more endpoints of 100 versions as it takes to reach the audit
 * entries asked for. Every version is created, started and succeeded (two audit entries: the change
 * and its outcome); every tenth is a rollback to the version before its predecessor. Ten actors
 * take turns (each of them also among the rollbacks of every endpoint), so a filter by actor and
 * action picks a realistic slice.
 */
final class SyntheticHistory {

    static final List<String> ACTORS = List.of("alice@bench", "bob@bench", "carol@bench", "dave@bench",
            "erin@bench", "frank@bench", "grace@bench", "heidi@bench", "ivan@bench", "judy@bench");
    static final int VERSIONS_PER_OTHER_ENDPOINT = 100;

    private final EndpointCloudEvents cloudEvents =
            new EndpointCloudEvents(URI.create("/inferctl/bench"), "http://localhost/v1/schemas/events/");
    private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private final Instant start = Instant.now().minus(Duration.ofDays(30));
    private final AtomicLong events = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** What was written: the long endpoint, the last endpoint written and its last sequence, the event count. */
    record Written(String longEndpointId, String lastEndpointId, long lastSequence, long events, int endpoints) {
    }

    Written write(String bootstrap, String topic, int longVersions, int auditEntries) {
        int otherVersions = Math.max(0, auditEntries / 2 - longVersions);
        int others = (otherVersions + VERSIONS_PER_OTHER_ENDPOINT - 1) / VERSIONS_PER_OTHER_ENDPOINT;
        Map<String, Object> settings = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                "cloudevents.serializer.encoding", "BINARY");
        String longId = UUID.randomUUID().toString();
        String lastId = longId;
        try (KafkaProducer<String, CloudEvent> producer =
                     new KafkaProducer<>(settings, new StringSerializer(), new CloudEventSerializer())) {
            endpoint(producer, topic, longId, longVersions, 0);
            for (int i = 0; i < others; i++) {
                lastId = UUID.randomUUID().toString();
                endpoint(producer, topic, lastId, VERSIONS_PER_OTHER_ENDPOINT, i + 1);
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused a record", failure.get());
        }
        int lastVersions = others == 0 ? longVersions : VERSIONS_PER_OTHER_ENDPOINT;
        return new Written(longId, lastId, 3L * lastVersions - 1, events.get(), others + 1);
    }

    private void endpoint(KafkaProducer<String, CloudEvent> producer, String topic, String id, int versions, int index) {
        String name = "bench-history-" + run + "-" + index;
        long sequence = 0;
        for (int version = 0; version < versions; version++) {
            Instant at = start.plusSeconds(version * 10L).plusMillis(index);
            boolean rollback = version >= 2 && version % 10 == 0;
            int batchSize = rollback ? batchSize(version - 2) : batchSize(version);
            List<FieldChange> changes = version == 0
                    ? List.of(new FieldChange("engine.maxBatchSize", null, batchSize))
                    : List.of(new FieldChange("engine.maxBatchSize", batchSize(version - 1), batchSize));
            EndpointVersionCreated created = new EndpointVersionCreated(id, name, version,
                    version == 0 ? VersionOrigin.CREATE : rollback ? VersionOrigin.ROLLBACK : VersionOrigin.UPDATE,
                    rollback ? version - 2 : null, config(batchSize), changes,
                    ACTORS.get((version + version / 10 + index) % ACTORS.size()), at, "bench change " + version,
                    version == 0 ? null : version - 1);
            send(producer, topic, id, sequence++, at, created);
            send(producer, topic, id, sequence++, at.plusMillis(200), new RolloutStarted(id, version, "rollout-worker", at.plusMillis(200)));
            send(producer, topic, id, sequence++, at.plusMillis(900),
                    new RolloutSucceeded(id, version, version == 0 ? null : version - 1, "rollout-worker", at.plusMillis(900)));
        }
    }

    private void send(KafkaProducer<String, CloudEvent> producer, String topic, String id, long sequence, Instant at,
                      EndpointEvent event) {
        CloudEvent record = cloudEvents.encode(new StreamedEvent(UUID.randomUUID().toString(), id, sequence, at, event));
        producer.send(new ProducerRecord<>(topic, id, record), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
        events.incrementAndGet();
    }

    private static int batchSize(int version) {
        return 16 + version % 100;
    }

    private static EndpointConfig config(int batchSize) {
        return new EndpointConfig(
                new ModelSpec("Llama-3.1-8B-Instruct", "hf://meta-llama/Llama-3.1-8B-Instruct", null),
                new AcceleratorSpec("NVIDIA_H100", 1),
                new AutoscalingSpec(1, 2, 300),
                new EngineSettings(batchSize, 4096, 8192, true, false, 30_000));
    }
}
