package io.inferctl.command.webhook.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Signed deliveries through real HTTP into the real event store. */
class WebhookDeliveryTest extends CommandServiceTest {

    private static final int COPIES = 20;

    private Webhooks webhooks;

    @BeforeEach
    void registry() {
        webhooks = new Webhooks(api);
    }

    @Test
    void aSignedWandbDeliveryCreatesVersionZeroAttributedToTheIntegration() {
        String endpointName = unique("wh-new");
        Webhooks.Integration integration = webhooks.forNewEndpoint(unique("wandb"), endpointName, "WANDB", "production");
        String webhookId = Webhooks.newWebhookId();

        Api.Response delivered = webhooks.deliver(integration, webhookId, Webhooks.wandb("acme/llm/llama:v3", "production"));

        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(201);
        assertThat(delivered.body().get("outcome").asText()).isEqualTo("ENDPOINT_CREATED");
        assertThat(delivered.body().get("version").asInt()).isZero();
        assertThat(delivered.body().get("endpointId").asText()).isEqualTo(integration.endpointId());
        JsonNode created = events.eventsOf(integration.endpointId()).get(0).payload();
        assertThat(created.get("origin").asText()).isEqualTo("WEBHOOK");
        assertThat(created.get("name").asText()).isEqualTo(endpointName);
        assertThat(created.get("createdBy").asText()).isEqualTo("webhook:" + integration.name());
        assertThat(created.get("config").get("model").get("source").asText()).isEqualTo("wandb://acme/llm/llama:v3");
        assertThat(created.get("comment").asText()).contains(webhookId).contains("wandb://acme/llm/llama:v3");
    }

    @Test
    void aLaterDeliveryCreatesTheNextVersionChangingOnlyTheModelSource() {
        Webhooks.Integration integration = webhooks.forNewEndpoint(unique("wandb"), unique("wh-next"), "WANDB", null);
        webhooks.deliver(integration, Webhooks.newWebhookId(), Webhooks.wandb("acme/llm/llama:v3", "production"));
        reportServing(integration.endpointId(), 0);

        Api.Response next = webhooks.deliver(integration, Webhooks.newWebhookId(), Webhooks.wandb("acme/llm/llama:v4", "production"));

        assertThat(next.status()).as(next.toString()).isEqualTo(202);
        assertThat(next.body().get("outcome").asText()).isEqualTo("VERSION_CREATED");
        assertThat(next.body().get("version").asInt()).isEqualTo(1);
        JsonNode v1 = events.eventsOf(integration.endpointId()).stream()
                .filter(e -> e.simpleType().equals("EndpointVersionCreated")).toList().get(1).payload();
        assertThat(v1.get("changes").findValuesAsText("field")).containsExactly("model.source");
        assertThat(v1.get("origin").asText()).isEqualTo("WEBHOOK");
    }

    @Test
    void aGenericDeliveryToAnExistingEndpointSetsSourceAndRevision() {
        String endpointId = servingEndpoint(unique("wh-generic"));
        Webhooks.Integration integration = webhooks.forEndpoint(unique("ci"), endpointId, "GENERIC");

        Api.Response delivered = webhooks.deliver(integration, Webhooks.newWebhookId(),
                "{\"source\": \"s3://models/llama/v2\", \"revision\": \"build-42\"}");

        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(202);
        JsonNode v1 = events.eventsOf(endpointId).stream().filter(e -> e.simpleType().equals("EndpointVersionCreated"))
                .toList().get(1).payload();
        assertThat(v1.get("changes").findValuesAsText("field")).containsExactly("model.source", "model.revision");
    }

    @Test
    void aDeliveryDuringARolloutIsAConflictToRetryAndTheRetryLaterCreatesTheVersion() {
        Webhooks.Integration integration = webhooks.forNewEndpoint(unique("wandb"), unique("wh-busy"), "WANDB", null);
        webhooks.deliver(integration, Webhooks.newWebhookId(), Webhooks.wandb("acme/llm/llama:v3", "production"));
        String webhookId = Webhooks.newWebhookId();
        String body = Webhooks.wandb("acme/llm/llama:v4", "production");

        Api.Response busy = webhooks.deliver(integration, webhookId, body);
        assertThat(busy.status()).as(busy.toString()).isEqualTo(409);
        assertThat(busy.body().get("code").asText()).isEqualTo("ROLLOUT_IN_PROGRESS");
        assertThat(webhooks.deliveryLog(integration).get(0).get("outcome").asText()).isEqualTo("REFUSED");

        reportServing(integration.endpointId(), 0);
        Api.Response retried = webhooks.deliver(integration, webhookId, body);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        assertThat(events.createdVersions(integration.endpointId())).containsExactly(0, 1);
        JsonNode logged = webhooks.deliveryLog(integration).get(0);
        assertThat(logged.get("webhookId").asText()).isEqualTo(webhookId);
        assertThat(logged.get("outcome").asText()).isEqualTo("VERSION_CREATED");
        assertThat(logged.get("version").asInt()).isEqualTo(1);
        assertThat(logged.get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void theArtifactAlreadyServingIsAnsweredNoChange() {
        Webhooks.Integration integration = webhooks.forNewEndpoint(unique("wandb"), unique("wh-same"), "WANDB", null);
        String body = Webhooks.wandb("acme/llm/llama:v3", "production");
        webhooks.deliver(integration, Webhooks.newWebhookId(), body);
        reportServing(integration.endpointId(), 0);

        Api.Response again = webhooks.deliver(integration, Webhooks.newWebhookId(), body);

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().get("outcome").asText()).isEqualTo("NO_CHANGE");
        assertThat(events.createdVersions(integration.endpointId())).containsExactly(0);
    }

    @Test
    void anAliasTheFilterExcludesIsAnsweredIgnoredAndCreatesNothing() {
        Webhooks.Integration integration = webhooks.forNewEndpoint(unique("wandb"), unique("wh-filter"), "WANDB", "production");

        Api.Response ignored = webhooks.deliver(integration, Webhooks.newWebhookId(), Webhooks.wandb("acme/llm/llama:v3", "staging"));

        assertThat(ignored.status()).as(ignored.toString()).isEqualTo(200);
        assertThat(ignored.body().get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(ignored.body().get("detail").asText()).contains("staging").contains("production");
        assertThat(events.createdVersions(integration.endpointId())).isEmpty();
    }

    @Test
    void aRetriedWebhookIdGetsTheFirstAnswerAndCreatesNothingTwice() {
        Webhooks.Integration integration = webhooks.forNewEndpoint(unique("wandb"), unique("wh-retry"), "WANDB", null);
        String webhookId = Webhooks.newWebhookId();
        String body = Webhooks.wandb("acme/llm/llama:v3", "production");
        Api.Response first = webhooks.deliver(integration, webhookId, body);
        reportServing(integration.endpointId(), 0);

        Api.Response retry = webhooks.deliver(integration, webhookId, body);

        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header(WebhookDeliveryController.REPLAYED)).isEqualTo("true");
        assertThat(events.createdVersions(integration.endpointId())).containsExactly(0);
    }

    @Test
    void twentyCopiesOfOneDeliveryAtOnceCreateOneVersionAndAllGetItsAnswer() {
        Webhooks.Integration integration = webhooks.forNewEndpoint(unique("wandb"), unique("wh-storm"), "WANDB", null);
        String webhookId = Webhooks.newWebhookId();
        String body = Webhooks.wandb("acme/llm/llama:v3", "production");
        String timestamp = Webhooks.now();
        String signature = Webhooks.sign(integration.secret(), webhookId, timestamp, body);

        List<Api.Response> answers = AtOnce.send(Collections.nCopies(COPIES,
                () -> webhooks.send(integration.id(), webhookId, timestamp, signature, body)));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            assertThat(answer.body().get("version").asInt()).isZero();
        });
        assertThat(events.createdVersions(integration.endpointId())).containsExactly(0);
        assertThat(webhooks.deliveryLog(integration)).hasSize(1);
    }
}
