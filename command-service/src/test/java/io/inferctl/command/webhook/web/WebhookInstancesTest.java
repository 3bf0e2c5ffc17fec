package io.inferctl.command.webhook.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static io.inferctl.command.webhook.web.TwoCommandServices.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent deliveries split across two command-service instances on one database: what one
 * instance promises for its own copies holds across instances too, since the idempotency record,
 * the endpoint's event stream and the delivery log all live in the shared database.
 */
@ExtendWith(TwoCommandServices.ClosedAtEnd.class)
class WebhookInstancesTest {

    private static final int COPIES = 20;
    private static final int ROUNDS = 5;

    private final TwoCommandServices services = TwoCommandServices.get();
    private final Webhooks viaA = new Webhooks(services.apiA());
    private final Webhooks viaB = new Webhooks(services.apiB());
    private final EventStore events = services.events();

    @Test
    void twentyCopiesOfAFirstDeliverySplitAcrossInstancesCreateOneEndpoint() {
        Webhooks.Integration integration = services.knownToBoth(viaA.forNewEndpoint(unique("storm"), unique("wh-two"), "WANDB", null));

        List<Api.Response> answers = copiesSplitAcrossInstances(integration, Webhooks.wandb("acme/llm/llama:v3", "production"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            assertThat(answer.body().get("outcome").asText()).isEqualTo("ENDPOINT_CREATED");
            assertThat(answer.body().get("version").asInt()).isZero();
        });
        assertThat(events.createdVersions(integration.endpointId())).containsExactly(0);
        List<JsonNode> log = viaB.deliveryLog(integration);
        assertThat(log).hasSize(1);
        assertThat(log.get(0).get("outcome").asText()).isEqualTo("ENDPOINT_CREATED");
    }

    @Test
    void twentyCopiesOfALaterDeliverySplitAcrossInstancesCreateOneVersion() {
        Webhooks.Integration integration = services.knownToBoth(viaA.forNewEndpoint(unique("storm"), unique("wh-two"), "WANDB", null));
        viaA.deliver(integration, Webhooks.newWebhookId(), Webhooks.wandb("acme/llm/llama:v3", "production"));
        services.reportServing(integration.endpointId(), 0);

        List<Api.Response> answers = copiesSplitAcrossInstances(integration, Webhooks.wandb("acme/llm/llama:v4", "production"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
            assertThat(answer.body().get("outcome").asText()).isEqualTo("VERSION_CREATED");
            assertThat(answer.body().get("version").asInt()).isEqualTo(1);
        });
        assertThat(events.createdVersions(integration.endpointId())).containsExactly(0, 1);
        assertThat(viaB.deliveryLog(integration)).hasSize(2);
    }

    /**
     * Repeated, because which loser the race makes depends on timing: the later delivery may find
     * the winner's version rolling out, or write the same sequence number at the same moment.
     */
    @Test
    void twoArtifactsAtOnceOnTwoInstancesMakeOneVersionAndTheOtherIsToldToRetry() {
        Webhooks.Integration integration = services.knownToBoth(viaA.forNewEndpoint(unique("race"), unique("wh-race"), "WANDB", null));
        viaA.deliver(integration, Webhooks.newWebhookId(), Webhooks.wandb("acme/llm/llama:v1", "production"));
        services.reportServing(integration.endpointId(), 0);

        for (int round = 1; round <= ROUNDS; round++) {
            String toA = Webhooks.newWebhookId();
            String toB = Webhooks.newWebhookId();
            String bodyA = Webhooks.wandb("acme/llm/llama-a:v" + round, "production");
            String bodyB = Webhooks.wandb("acme/llm/llama-b:v" + round, "production");

            List<Api.Response> answers = AtOnce.send(List.of(
                    () -> viaA.deliver(integration, toA, bodyA),
                    () -> viaB.deliver(integration, toB, bodyB)));

            assertThat(answers).as("round %d: %s", round, answers).extracting(Api.Response::status)
                    .containsExactlyInAnyOrder(202, 409);
            Api.Response created = answers.get(0).status() == 202 ? answers.get(0) : answers.get(1);
            Api.Response refused = answers.get(0).status() == 202 ? answers.get(1) : answers.get(0);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("code").asText()).isIn("ROLLOUT_IN_PROGRESS", "CONCURRENT_MODIFICATION");
            assertThat(created.body().get("version").asInt()).isEqualTo(round);
            assertThat(events.createdVersions(integration.endpointId())).as("round %d", round)
                    .containsExactlyElementsOf(IntStream.rangeClosed(0, round).boxed().toList());

            String winner = created == answers.get(0) ? toA : toB;
            String loser = created == answers.get(0) ? toB : toA;
            List<JsonNode> log = viaA.deliveryLog(integration);
            assertThat(logged(log, winner).get("outcome").asText()).isEqualTo("VERSION_CREATED");
            assertThat(logged(log, winner).get("version").asInt()).isEqualTo(round);
            assertThat(logged(log, loser).get("outcome").asText()).as(refused.toString()).isEqualTo("REFUSED");
            assertThat(logged(log, loser).get("status").asInt()).isEqualTo(409);
            services.reportServing(integration.endpointId(), round);
        }
    }

    private List<Api.Response> copiesSplitAcrossInstances(Webhooks.Integration integration, String body) {
        String webhookId = Webhooks.newWebhookId();
        String timestamp = Webhooks.now();
        String signature = Webhooks.sign(integration.secret(), webhookId, timestamp, body);
        List<Supplier<Api.Response>> copies = IntStream.range(0, COPIES)
                .<Supplier<Api.Response>>mapToObj(i -> () -> (i % 2 == 0 ? viaA : viaB)
                        .send(integration.id(), webhookId, timestamp, signature, body))
                .toList();
        return AtOnce.send(copies);
    }

    private static JsonNode logged(List<JsonNode> log, String webhookId) {
        return log.stream().filter(entry -> webhookId.equals(entry.get("webhookId").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(webhookId + " is not in the delivery log " + log));
    }
}
