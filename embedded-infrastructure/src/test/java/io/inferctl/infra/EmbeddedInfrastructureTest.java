package io.inferctl.infra;

import io.inferctl.infra.kafka.EmbeddedKafkaBroker;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EmbeddedInfrastructureTest {

    @Test
    void postgresServesEachServiceItsOwnDatabase() throws Exception {
        EmbeddedPostgresServer postgres = SharedInfrastructure.postgres();
        String url = postgres.ensureDatabase("infra_probe");
        assertThat(postgres.ensureDatabase("infra_probe")).isEqualTo(url);

        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS probe (id int primary key)");
            statement.execute("INSERT INTO probe VALUES (1) ON CONFLICT DO NOTHING");
            try (ResultSet rows = statement.executeQuery("SELECT current_database(), count(*) FROM probe")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("infra_probe");
                assertThat(rows.getInt(2)).isEqualTo(1);
            }
        }
    }

    @Test
    void kafkaDeliversWhatWasProducedInOrder() throws Exception {
        String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("infra-probe", 3, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("infra-probe", "key", "value-" + i)).get();
            }
        }
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "infra-probe",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infra-probe"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.value());
                }
                return seen.size() >= 10;
            });
        }
        assertThat(seen).containsExactly("value-0", "value-1", "value-2", "value-3", "value-4",
                "value-5", "value-6", "value-7", "value-8", "value-9");
    }

    @Test
    void stateSurvivesARestartOnTheSameDirectories(@TempDir Path dir) throws Exception {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, dir.resolve("pg"))) {
            try (Connection c = DriverManager.getConnection(postgres.ensureDatabase("keep"), EmbeddedPostgresServer.USER, "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v text)");
                s.execute("INSERT INTO kept VALUES ('still here')");
            }
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, dir.resolve("pg"));
             Connection c = DriverManager.getConnection(postgres.jdbcUrl("keep"), EmbeddedPostgresServer.USER, "");
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT v FROM kept")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("still here");
        }

        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(0, dir.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
        }
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(0, dir.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("kept");
        }
    }
}
