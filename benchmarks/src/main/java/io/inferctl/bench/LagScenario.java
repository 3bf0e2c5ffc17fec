package io.inferctl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scenario 3: from a command acknowledged (so committed) to its result visible in the query API, at
 * a fixed rate. The reader asks for the command's sequence ({@code minSequence}); the query service
 * answers as soon as its projection got there. Beside it, the path's floor: one record from a
 * producer to a consumer through the same broker at the same rate.
 */
final class LagScenario {

    private static final String PROBE_TOPIC = "bench.probe";

    private final Stack stack;
    private final Api api;
    private final Scale scale;
    private final Report report;

    LagScenario(Scenario scenario) {
        this.stack = scenario.stack();
        this.api = scenario.api();
        this.scale = scenario.scale();
        this.report = scenario.report();
    }

    /** What one run of the load gave: command to visible, command to the record on the topic, the load itself. */
    record Measured(Latency lag, Latency relayed, Load.Throughput load) {

        String summary() {
            return lag.summary() + AppendScenario.failures(load) + "; of which to the record on the topic (the relay): "
                    + relayed.summary();
        }
    }

    void run() throws Exception {
        Latency broker = brokerRoundTrip();
        Measured measured = measure();
        report.add("3. Projection lag at " + Report.perSecond(scale.lagRate()) + " commands", measured.summary(),
                "broker alone, producer to consumer: " + broker.summary(),
                "p99 <= 100 ms", measured.lag().percentileMillis(99) <= 100);
    }

    /** Creates at the scenario's rate, each followed by a read that waits for it to be visible. */
    Measured measure() throws InterruptedException {
        Latency lag = new Latency();
        Latency relayed = new Latency();
        try (TopicWatch topic = new TopicWatch(stack)) {
            Load.Throughput load = Load.fixedRate(scale.lagRate(), scale.lagDuration(), () -> {
                Api.Answer created = api.createEndpoint("NVIDIA_H100");
                if (created.status() != 201) {
                    throw new IllegalStateException("create answered " + created.status() + ": " + created.body());
                }
                long committed = System.nanoTime();
                JsonNode body = created.json();
                String endpointId = body.get("endpointId").asText();
                String path = "/v1/endpoints/" + endpointId + "?minSequence=" + body.get("sequence").asLong();
                Api.Answer visible = api.query(path);
                while (visible.status() == 503) {
                    visible = api.query(path);
                }
                lag.recordNanos(System.nanoTime() - committed);
                topic.arrival(endpointId).ifPresent(arrived -> relayed.recordNanos(arrived - committed));
                return visible.status() == 200;
            });
            return new Measured(lag, relayed, load);
        }
    }

    /** When each endpoint's first record reached a plain consumer of the topic, to split the lag into relay and projection. */
    private static final class TopicWatch implements AutoCloseable {

        private final Map<String, Long> arrivals = new java.util.concurrent.ConcurrentHashMap<>();
        private final AtomicBoolean done = new AtomicBoolean();
        private final Thread reader;

        TopicWatch(Stack stack) {
            KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                    new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(stack.topic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            reader = new Thread(() -> {
                try (consumer) {
                    while (!done.get()) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                            arrivals.putIfAbsent(record.key(), System.nanoTime());
                        }
                    }
                }
            }, "bench-topic-watch");
            reader.start();
        }

        java.util.Optional<Long> arrival(String endpointId) {
            return java.util.Optional.ofNullable(arrivals.get(endpointId));
        }

        @Override
        public void close() throws InterruptedException {
            done.set(true);
            reader.join();
        }
    }

    /** Records with their send time, through the broker at the scenario's rate, with the relay's acks. */
    private Latency brokerRoundTrip() throws InterruptedException, ExecutionException {
        Map<String, Object> common = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(PROBE_TOPIC, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        Latency latency = new Latency();
        AtomicBoolean done = new AtomicBoolean();
        TopicPartition partition = new TopicPartition(PROBE_TOPIC, 0);
        try (KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new LongDeserializer());
             KafkaProducer<String, Long> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                     ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                     new StringSerializer(), new LongSerializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(50))) {
                        latency.recordNanos(System.nanoTime() - record.value());
                    }
                }
            }, "bench-probe-consumer");
            reader.start();
            Load.fixedRate(scale.lagRate(), scale.lagDuration(), () -> {
                producer.send(new ProducerRecord<>(PROBE_TOPIC, "probe", System.nanoTime()));
                return true;
            });
            producer.flush();
            long expected = (long) (scale.lagRate() * scale.lagDuration().toNanos() / 1e9) - 1;
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> latency.count() >= expected);
            done.set(true);
            reader.join();
        }
        return latency;
    }
}
