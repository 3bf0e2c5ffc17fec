package io.inferctl.infra.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three-broker cluster {@code bin/local-stack --instances 2} runs: every topic has three
 * replicas and a write needs two ({@code min.insync.replicas}), so one broker may die and writes go on.
 */
class KafkaClusterTest {

    @Test
    void everyTopicHasThreeReplicasAndWritesGoOnWithOneBrokerDown(@TempDir Path dir) throws Exception {
        List<Integer> controllers = List.of(freePort(), freePort(), freePort());
        String voters = String.join(",", List.of(1, 2, 3).stream()
                .map(id -> id + "@localhost:" + controllers.get(id - 1)).toList());
        String clusterId = Uuid.randomUuid().toString();
        List<CompletableFuture<EmbeddedKafkaBroker>> starting = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            KafkaClusterNode node = new KafkaClusterNode(id, controllers.get(id - 1), voters, clusterId);
            Path log = dir.resolve("kafka-" + id);
            starting.add(CompletableFuture.supplyAsync(() -> EmbeddedKafkaBroker.start(0, log, node)));
        }
        List<EmbeddedKafkaBroker> brokers = new ArrayList<>();
        for (CompletableFuture<EmbeddedKafkaBroker> broker : starting) {
            brokers.add(broker.get(2, TimeUnit.MINUTES));
        }
        String bootstrap = brokers.stream().map(EmbeddedKafkaBroker::bootstrapServers).collect(Collectors.joining(","));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<String, String> producer = producer(bootstrap)) {
            admin.createTopics(List.of(new NewTopic("replicated", Optional.of(3), Optional.empty()))).all().get();
            // Every broker learns of a new topic from the controller a moment after it is created.
            TopicDescription topic = await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(
                    () -> admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated"),
                    described -> described.partitions().size() == 3);
            assertThat(topic.partitions()).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
            ConfigEntry minInSync = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "replicated")))
                    .all().get().values().iterator().next().get("min.insync.replicas");
            assertThat(minInSync.value()).isEqualTo("2");
            producer.send(new ProducerRecord<>("replicated", "k", "all three up")).get(30, TimeUnit.SECONDS);

            brokers.get(2).close();
            producer.send(new ProducerRecord<>("replicated", "k", "one broker down")).get(60, TimeUnit.SECONDS);
        } finally {
            // Together, while two controllers still make a quorum to grant each a controlled shutdown.
            CompletableFuture.allOf(brokers.stream().map(broker -> CompletableFuture.runAsync(broker::close))
                    .toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000),
                new StringSerializer(), new StringSerializer());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
