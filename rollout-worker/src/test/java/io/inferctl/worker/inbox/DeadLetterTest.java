package io.inferctl.worker.inbox;

import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.worker.support.CommandSide;
import io.inferctl.worker.support.RunningWorker;
import io.inferctl.worker.support.TestStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record on the topic that is not one of our events must neither block its partition nor
 * vanish: it goes, unchanged, to the worker's dead-letter topic with the reason, and rollouts go on.
 */
class DeadLetterTest {

    private static final String DEAD_LETTERS = "endpoint-events.rollout-worker.dlt-tests";
    private static final Duration OUTCOME = Duration.ofSeconds(60);

    private static RunningWorker worker;
    private static CommandSide commands;

    @BeforeAll
    static void start() {
        commands = new CommandSide(TestStack.commands());
        Map<String, Object> properties = TestStack.workerProperties("worker_dead_letter_tests", TestStack.kubeconfig());
        properties.put("inferctl.inbox.dead-letter-topic", DEAD_LETTERS);
        worker = RunningWorker.start(properties);
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void recordsThatAreNotOurEventsAreDeadLetteredWithTheReasonAndRolloutsGoOn() {
        String key = "not-an-endpoint-" + UUID.randomUUID();
        byte[] garbage = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
        byte[] otherType = "{}".getBytes(StandardCharsets.UTF_8);
        send(new ProducerRecord<>(TestStack.TOPIC, key, garbage));
        ProducerRecord<String, byte[]> foreign = new ProducerRecord<>(TestStack.TOPIC, key, otherType);
        foreign.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(UUID.randomUUID().toString()))
                .add("ce_source", bytes("/elsewhere")).add("ce_type", bytes("com.example.Other.v1"))
                .add("content-type", bytes("application/json"));
        send(foreign);

        String name = "dlt-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String id = commands.create(name, CommandSide.config());
        await().atMost(OUTCOME).until(() -> commands.outcome(id, 0) != null);
        assertThat(commands.outcome(id, 0).simpleType()).isEqualTo("RolloutSucceeded");

        List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = deadLetterConsumer()) {
            await().atMost(OUTCOME).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        letters.add(r);
                    }
                });
                return letters.size() >= 2;
            });
        }
        assertThat(letters).extracting(ConsumerRecord::value).containsExactly(garbage, otherType);
        assertThat(reason(letters.get(0))).startsWith("not a CloudEvent");
        assertThat(reason(letters.get(1))).isEqualTo("unknown event type 'com.example.Other.v1'");
        assertThat(letters.get(1).headers().lastHeader("ce_type").value()).isEqualTo(bytes("com.example.Other.v1"));
    }

    private static String reason(ConsumerRecord<String, byte[]> letter) {
        Header header = letter.headers().lastHeader(InboxConfiguration.DEAD_LETTER_REASON);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void send(ProducerRecord<String, byte[]> record) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            Objects.requireNonNull(producer.send(record).get());
        } catch (Exception e) {
            throw new AssertionError("could not send the test record", e);
        }
    }

    private static KafkaConsumer<String, byte[]> deadLetterConsumer() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(DEAD_LETTERS));
        return consumer;
    }
}
