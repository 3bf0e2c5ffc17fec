package io.inferctl.command.webhook.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import io.inferctl.command.webhook.crypto.SigningSecret;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a delivery is refused, each through real HTTP against its own integration on one
 * serving endpoint: a problem with a code, nothing created, and (before the signature verified)
 * nothing even logged.
 */
class HostileDeliveryTest extends CommandServiceTest {

    private static final String VALID = Webhooks.wandb("acme/llm/llama:v9", "production");
    private static final Duration BEYOND_TOLERANCE = Duration.ofMinutes(6);
    private static final int OVERSIZED = 70 * 1024;
    private static String endpointId;

    private Webhooks webhooks;

    /** What a hostile case may use: the registry, its integration, a fresh webhook-id. */
    record Target(Webhooks webhooks, Webhooks.Integration integration, String webhookId, Api api) {

        Api.Response signed(String body) {
            return webhooks.deliver(integration, webhookId, body);
        }

        Api.Response headers(String timestamp, String signature, String body) {
            return webhooks.send(integration.id(), webhookId, timestamp, signature, body);
        }

        Api.Response signedAt(Instant at) {
            String timestamp = Long.toString(at.getEpochSecond());
            return headers(timestamp, Webhooks.sign(integration.secret(), webhookId, timestamp, VALID), VALID);
        }
    }

    /**
     * @param logged whether the refusal comes after the signature verified, so the delivery log has it
     */
    record Hostile(String name, int status, String code, String field, boolean logged, Function<Target, Api.Response> send) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> hostileDeliveries() {
        String otherSecret = SigningSecret.format(SigningSecret.newKey());
        return Stream.of(
                new Hostile("no signature header", 401, "WEBHOOK_SIGNATURE_INVALID", null, false,
                        t -> t.headers(Webhooks.now(), null, VALID)),
                new Hostile("no webhook-id header", 401, "WEBHOOK_SIGNATURE_INVALID", null, false,
                        t -> t.webhooks().send(t.integration().id(), null, Webhooks.now(), "v1,AAAA", VALID)),
                new Hostile("no timestamp header", 401, "WEBHOOK_SIGNATURE_INVALID", null, false,
                        t -> t.headers(null, Webhooks.sign(t.integration().secret(), t.webhookId(), "0", VALID), VALID)),
                new Hostile("signed with a secret that is not the integration's", 401, "WEBHOOK_SIGNATURE_INVALID", null, false,
                        t -> t.webhooks().deliver(t.integration(), otherSecret, t.webhookId(), VALID)),
                new Hostile("body changed after signing", 401, "WEBHOOK_SIGNATURE_INVALID", null, false, t -> {
                    String timestamp = Webhooks.now();
                    return t.headers(timestamp, Webhooks.sign(t.integration().secret(), t.webhookId(), timestamp, VALID),
                            VALID.replace("v9", "v10"));
                }),
                new Hostile("signature of another webhook-id", 401, "WEBHOOK_SIGNATURE_INVALID", null, false, t -> {
                    String timestamp = Webhooks.now();
                    return t.headers(timestamp, Webhooks.sign(t.integration().secret(), "msg_other", timestamp, VALID), VALID);
                }),
                new Hostile("signature of another timestamp", 401, "WEBHOOK_SIGNATURE_INVALID", null, false, t -> {
                    String timestamp = Webhooks.now();
                    return t.headers(timestamp, Webhooks.sign(t.integration().secret(), t.webhookId(),
                            Long.toString(Long.parseLong(timestamp) - 1), VALID), VALID);
                }),
                new Hostile("timestamp six minutes old", 401, "WEBHOOK_SIGNATURE_INVALID", null, false,
                        t -> t.signedAt(Instant.now().minus(BEYOND_TOLERANCE))),
                new Hostile("timestamp six minutes ahead", 401, "WEBHOOK_SIGNATURE_INVALID", null, false,
                        t -> t.signedAt(Instant.now().plus(BEYOND_TOLERANCE))),
                new Hostile("timestamp that is not a number", 401, "WEBHOOK_SIGNATURE_INVALID", null, false,
                        t -> t.headers("yesterday", Webhooks.sign(t.integration().secret(), t.webhookId(), "yesterday", VALID), VALID)),
                new Hostile("signature in an unknown scheme only", 401, "WEBHOOK_SIGNATURE_INVALID", null, false, t -> {
                    String timestamp = Webhooks.now();
                    return t.headers(timestamp, Webhooks.sign(t.integration().secret(), t.webhookId(), timestamp, VALID)
                            .replace("v1,", "v1a,"), VALID);
                }),
                new Hostile("signature that is not base64", 401, "WEBHOOK_SIGNATURE_INVALID", null, false,
                        t -> t.headers(Webhooks.now(), "v1,%%%%", VALID)),
                new Hostile("an integration id nobody created", 404, "WEBHOOK_NOT_FOUND", null, false,
                        t -> t.webhooks().send(UUID.randomUUID().toString(), t.webhookId(), Webhooks.now(), "v1,AAAA", VALID)),
                new Hostile("an integration id that is no id", 404, "WEBHOOK_NOT_FOUND", null, false,
                        t -> t.webhooks().send("not-an-id", t.webhookId(), Webhooks.now(), "v1,AAAA", VALID)),
                new Hostile("a disabled integration, signed correctly", 404, "WEBHOOK_NOT_FOUND", null, false, t -> {
                    assertThat(t.api().post("/v1/webhooks/" + t.integration().id() + "/disable").as(Tokens.ADMIN)
                            .send().status()).isEqualTo(200);
                    return t.signed(VALID);
                }),
                new Hostile("an oversized body, signed", 413, "PAYLOAD_TOO_LARGE", null, false,
                        t -> t.signed("{\"pad\": \"" + "x".repeat(OVERSIZED) + "\"}")),
                new Hostile("malformed JSON, signed", 400, "MALFORMED_REQUEST", "body", true, t -> t.signed("{\"event_type\": ")),
                new Hostile("a JSON array, signed", 400, "MALFORMED_REQUEST", "body", true, t -> t.signed("[1, 2]")),
                new Hostile("a generic payload sent to a W&B integration", 422, "VALIDATION_FAILED", "event_type", true,
                        t -> t.signed("{\"source\": \"hf://org/model\"}")),
                new Hostile("the artifact as a number", 400, "MALFORMED_REQUEST", "artifact_version_string", true,
                        t -> t.signed("{\"event_type\": \"ADD_ARTIFACT_ALIAS\", \"artifact_version_string\": 7}")),
                new Hostile("an artifact without a version", 422, "VALIDATION_FAILED", "artifact_version_string", true,
                        t -> t.signed(Webhooks.wandb("acme/llm", "production"))),
                new Hostile("an artifact with a line break", 422, "VALIDATION_FAILED", "artifact_version_string", true,
                        t -> t.signed(Webhooks.wandb("acme/llm/llama:v9\\nx", "production"))),
                new Hostile("a webhook-id with a space, signed", 400, "MALFORMED_REQUEST", "webhook-id", false, t -> {
                    String timestamp = Webhooks.now();
                    return t.webhooks().send(t.integration().id(), "msg 1", timestamp,
                            Webhooks.sign(t.integration().secret(), "msg 1", timestamp, VALID), VALID);
                }));
    }

    @BeforeEach
    void servingEndpoint() {
        webhooks = new Webhooks(api);
        if (endpointId == null) {
            endpointId = servingEndpoint(unique("hostile"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileDeliveries")
    void isRefusedWithAProblemNamingTheReasonAndCreatesNothing(Hostile hostile) {
        Webhooks.Integration integration = webhooks.forEndpoint(unique("hostile"), endpointId, "WANDB");
        List<Integer> versionsBefore = events.createdVersions(endpointId);
        Target target = new Target(webhooks, integration, Webhooks.newWebhookId(), api);

        Api.Response refused = hostile.send().apply(target);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(hostile.status());
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("code").asText()).isEqualTo(hostile.code());
        assertThat(refused.body().get("detail").asText()).isNotBlank();
        if (hostile.field() != null) {
            assertThat(refused.body().get("errors").findValuesAsText("field")).contains(hostile.field());
        }
        assertThat(events.createdVersions(endpointId)).isEqualTo(versionsBefore);
        assertThat(loggedDeliveries(integration)).isEqualTo(hostile.logged() ? 1 : 0);
    }

    @Test
    void aDisabledIntegrationIsAnsweredExactlyAsOneThatNeverExisted() {
        Webhooks.Integration integration = webhooks.forEndpoint(unique("gone"), endpointId, "WANDB");
        api.post("/v1/webhooks/" + integration.id() + "/disable").as(Tokens.ADMIN).send();
        Api.Response disabled = webhooks.deliver(integration, Webhooks.newWebhookId(), VALID);
        Api.Response unknown = webhooks.send(UUID.randomUUID().toString(), Webhooks.newWebhookId(), Webhooks.now(), "v1,AAAA", VALID);

        assertThat(disabled.status()).isEqualTo(unknown.status()).isEqualTo(404);
        assertThat(disabled.body().get("detail")).isEqualTo(unknown.body().get("detail"));
        assertThat(disabled.body().get("title")).isEqualTo(unknown.body().get("title"));
    }

    @Test
    void repeatedFailedSignaturesAreLimitedWithRetryAfterWhileTheRealRegistryStillGetsIn() {
        Webhooks.Integration integration = webhooks.forEndpoint(unique("flood"), servingEndpoint(unique("flood")), "WANDB");
        String forged = SigningSecret.format(SigningSecret.newKey());
        Api.Response last = null;
        for (int i = 0; i < 11; i++) {
            last = webhooks.deliver(integration, forged, Webhooks.newWebhookId(), VALID);
        }

        assertThat(last.status()).as(last.toString()).isEqualTo(429);
        assertThat(last.body().get("code").asText()).isEqualTo("WEBHOOK_SIGNATURE_RATE_LIMITED");
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        Api.Response genuine = webhooks.deliver(integration, Webhooks.newWebhookId(), VALID);
        assertThat(genuine.status()).as(genuine.toString()).isEqualTo(202);
        assertThat(api.get("/actuator/prometheus").send().raw().body())
                .containsPattern("inferctl_webhook_signature_failures_total\\{[^}]*outcome=\"limited\"[^}]*} [1-9]");
    }

    @Test
    void aWebhookIdReusedWithAnotherBodyIsRefusedNamingIt() {
        Webhooks.Integration integration = webhooks.forEndpoint(unique("reuse"), servingEndpoint(unique("reuse")), "WANDB");
        String webhookId = Webhooks.newWebhookId();
        webhooks.deliver(integration, webhookId, Webhooks.wandb("acme/llm/llama:v1", "x"));

        Api.Response reused = webhooks.deliver(integration, webhookId, Webhooks.wandb("acme/llm/llama:v2", "x"));

        assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
        assertThat(reused.body().get("code").asText()).isEqualTo("WEBHOOK_ID_REUSED");
        assertThat(reused.body().get("errors").findValuesAsText("field")).containsExactly("webhook-id");
    }

    private long loggedDeliveries(Webhooks.Integration integration) {
        return jdbc.sql("SELECT count(*) FROM webhook_delivery WHERE integration_id = :id")
                .param("id", integration.id()).query(Long.class).single();
    }
}
