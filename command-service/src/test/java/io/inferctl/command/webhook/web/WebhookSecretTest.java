package io.inferctl.command.webhook.web;

import io.inferctl.command.relay.KafkaRelayProperties;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import io.inferctl.command.webhook.delivery.WebhookKeyring;
import io.inferctl.infra.SharedInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The signing secret: rotated with an overlap, and never seen again after the answer that issued it. */
@ExtendWith(OutputCaptureExtension.class)
class WebhookSecretTest extends CommandServiceTest {

    private static final String IGNORED_ALIAS = Webhooks.wandb("acme/llm/llama:v3", "staging");
    /** Generous: in a full build the relay publishes every earlier test's events too. */
    private static final Duration ARRIVAL = Duration.ofSeconds(90);
    /** Loggers raised to DEBUG while the secrets pass through: ours, Spring MVC, Spring Security, Axon. */
    private static final List<String> VERBOSE = List.of("io.inferctl", "org.springframework.web",
            "org.springframework.security", "org.axonframework");

    @Autowired
    private WebhookKeyring keyring;
    @Autowired
    private KafkaRelayProperties relay;

    private Webhooks webhooks;

    @BeforeEach
    void registry() {
        webhooks = new Webhooks(api);
    }

    @Test
    void theOldSecretVerifiesDuringTheOverlapAndNotAfter() {
        Webhooks.Integration integration = webhooks.forNewEndpoint(unique("rotate"), unique("wh-rotate"), "WANDB", "production");
        String old = integration.secret();
        assertThat(webhooks.deliver(integration, old, Webhooks.newWebhookId(), IGNORED_ALIAS).status()).isEqualTo(200);

        Api.Response rotated = api.post("/v1/webhooks/" + integration.id() + "/rotate").as(Tokens.ADMIN).send();
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String next = rotated.body().get("secret").asText();
        assertThat(next).startsWith("whsec_").isNotEqualTo(old);
        assertThat(Instant.parse(rotated.body().get("previousSecretValidUntil").asText()))
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        assertThat(webhooks.deliver(integration, old, Webhooks.newWebhookId(), IGNORED_ALIAS).status()).isEqualTo(200);
        assertThat(webhooks.deliver(integration, next, Webhooks.newWebhookId(), IGNORED_ALIAS).status()).isEqualTo(200);
        String webhookId = Webhooks.newWebhookId();
        String timestamp = Webhooks.now();
        String both = Webhooks.sign(old, webhookId, timestamp, IGNORED_ALIAS) + " "
                + Webhooks.sign(next, webhookId, timestamp, IGNORED_ALIAS);
        assertThat(webhooks.send(integration.id(), webhookId, timestamp, both, IGNORED_ALIAS).status()).isEqualTo(200);

        // The overlap ends: as if 24 hours had passed.
        jdbc.sql("UPDATE webhook_secret SET valid_until = now() - interval '1 second' "
                + "WHERE integration_id = :id AND secret_version = 1").param("id", integration.id()).update();
        keyring.reload();

        Api.Response late = webhooks.deliver(integration, old, Webhooks.newWebhookId(), IGNORED_ALIAS);
        assertThat(late.status()).as(late.toString()).isEqualTo(401);
        assertThat(webhooks.deliver(integration, next, Webhooks.newWebhookId(), IGNORED_ALIAS).status()).isEqualTo(200);
    }

    @Test
    void theSecretAppearsInNoLogLineEventAnswerAfterCreationOrKafkaRecord(CapturedOutput output) {
        List<String> secrets = new ArrayList<>();
        List<Api.Response> later = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = subscribe()) {
            Webhooks.Integration integration = whileLoggingAtDebug(() -> {
                Webhooks.Integration created = webhooks.forNewEndpoint(unique("leak"), unique("wh-leak"), "WANDB", null);
                secrets.add(created.secret());
                webhooks.deliver(created, Webhooks.newWebhookId(), Webhooks.wandb("acme/llm/llama:v3", "production"));
                webhooks.deliver(created, "whsec_" + "A".repeat(43) + "=", Webhooks.newWebhookId(), IGNORED_ALIAS);
                Api.Response rotated = api.post("/v1/webhooks/" + created.id() + "/rotate").as(Tokens.ADMIN).send();
                secrets.add(rotated.body().get("secret").asText());
                assertThat(rotated.raw().body()).doesNotContain(key(secrets.get(0)));
                later.add(api.get("/v1/webhooks").as(Tokens.ADMIN).send());
                later.add(api.get("/v1/webhooks/" + created.id() + "/deliveries").as(Tokens.ADMIN).send());
                later.add(api.post("/v1/webhooks/" + created.id() + "/disable").as(Tokens.ADMIN).send());
                later.add(api.delete("/v1/webhooks/" + created.id()).as(Tokens.ADMIN).send());
                return created;
            });
            assertThat(output.getAll()).as("the log ran at DEBUG").contains(integration.id());

            await().atMost(ARRIVAL).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                assertThat(records).extracting(ConsumerRecord::key)
                        .contains(integration.endpointId())
                        .filteredOn(integration.id()::equals).hasSizeGreaterThanOrEqualTo(4);
            });
            assertThat(records.stream().filter(r -> integration.id().equals(r.key())).map(r -> header(r, "ce_type")))
                    .startsWith("io.inferctl.endpoint.WebhookIntegrationCreated.v2",
                            "io.inferctl.endpoint.WebhookSecretRotated.v1",
                            "io.inferctl.endpoint.WebhookIntegrationDisabled.v1",
                            "io.inferctl.endpoint.WebhookIntegrationDeleted.v1");
        }

        assertThat(later).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString()).isEqualTo(200));
        for (String secret : secrets) {
            String key = key(secret);
            assertThat(output.getAll()).as("log output").doesNotContain(key);
            later.forEach(answer -> assertThat(answer.raw().body()).doesNotContain(key));
            records.forEach(record -> assertThat(new String(record.value(), StandardCharsets.UTF_8) + headers(record))
                    .as("Kafka record").doesNotContain(key));
            assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE position(convert_to(:key, 'UTF8') in payload) > 0")
                    .param("key", key).query(Long.class).single()).as("stored events").isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM snapshot_event_entry WHERE position(convert_to(:key, 'UTF8') in payload) > 0")
                    .param("key", key).query(Long.class).single()).as("snapshots").isZero();
        }
    }

    /** Runs {@code steps} with {@link #VERBOSE} at DEBUG, so that any line that could carry a secret is written. */
    private static <T> T whileLoggingAtDebug(Supplier<T> steps) {
        LoggingSystem logging = LoggingSystem.get(WebhookSecretTest.class.getClassLoader());
        VERBOSE.forEach(name -> logging.setLogLevel(name, LogLevel.DEBUG));
        try {
            return steps.get();
        } finally {
            VERBOSE.forEach(name -> logging.setLogLevel(name, null));
        }
    }

    @Test
    void theStoredSecretIsCiphertextThatHoldsNoPlainKey() {
        Webhooks.Integration integration = webhooks.forNewEndpoint(unique("rest"), unique("wh-rest"), "WANDB", null);
        byte[] plain = io.inferctl.command.webhook.crypto.SigningSecret.parse(integration.secret());
        byte[] stored = jdbc.sql("SELECT ciphertext FROM webhook_secret WHERE integration_id = :id")
                .param("id", integration.id()).query(byte[].class).single();

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(new String(plain, StandardCharsets.ISO_8859_1));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(key(integration.secret()));
    }

    /** The secret's key part: what any leak, with or without the prefix, would contain. */
    private static String key(String secret) {
        return secret.substring("whsec_".length());
    }

    private KafkaConsumer<String, byte[]> subscribe() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "secret-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(relay.topic()));
        await().atMost(ARRIVAL).until(() -> {
            consumer.poll(Duration.ofMillis(100));
            return !consumer.assignment().isEmpty();
        });
        // "latest" is resolved lazily: pin it now, or records published before the next poll are skipped.
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String headers(ConsumerRecord<String, byte[]> record) {
        StringBuilder all = new StringBuilder();
        record.headers().forEach(h -> all.append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8)));
        return all.toString();
    }
}
