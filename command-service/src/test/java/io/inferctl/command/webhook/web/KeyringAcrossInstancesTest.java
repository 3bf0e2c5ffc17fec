package io.inferctl.command.webhook.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.EventStore;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.inferctl.command.webhook.web.TwoCommandServices.POLL;
import static io.inferctl.command.webhook.web.TwoCommandServices.WITHIN_A_REFRESH;
import static io.inferctl.command.webhook.web.TwoCommandServices.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration changes made through instance A, as instance B sees them. B keeps keys in memory and
 * reloads them every key-refresh-interval: a new integration or secret is known to B within it, a
 * secret on its way out verifies on both throughout, and a disable holds on B at once for authentic
 * deliveries (they check the database) and, after B's refresh, for forged ones too.
 */
@ExtendWith(TwoCommandServices.ClosedAtEnd.class)
class KeyringAcrossInstancesTest {

    /** A filter excludes this alias: a delivery that is answered 200 "ignored" and creates nothing. */
    private static final String IGNORED_ALIAS = Webhooks.wandb("acme/llm/llama:v3", "staging");
    private static final String DEPLOYED_ALIAS = Webhooks.wandb("acme/llm/llama:v3", "production");

    private final TwoCommandServices services = TwoCommandServices.get();
    private final Api apiA = services.apiA();
    private final Webhooks viaA = new Webhooks(apiA);
    private final Webhooks viaB = new Webhooks(services.apiB());
    private final EventStore events = services.events();

    @Test
    void anIntegrationCreatedThroughOneInstanceIsAcceptedByTheOtherWithinItsRefresh() {
        Webhooks.Integration integration = viaA.forNewEndpoint(unique("known"), unique("wh-known"), "WANDB", "production");
        assertThat(viaA.deliver(integration, Webhooks.newWebhookId(), IGNORED_ALIAS).status()).isEqualTo(200);

        await().atMost(WITHIN_A_REFRESH).pollInterval(POLL).untilAsserted(() -> {
            Api.Response onB = viaB.deliver(integration, Webhooks.newWebhookId(), IGNORED_ALIAS);
            assertThat(onB.status()).as(onB.toString()).isEqualTo(200);
        });
    }

    @Test
    void aSecretRotatedThroughOneInstanceVerifiesOnTheOtherWithinItsRefreshAndTheOldOneOnBothMeanwhile() {
        Webhooks.Integration integration = services.knownToBoth(viaA.forNewEndpoint(unique("turn"), unique("wh-turn"), "WANDB", "production"));
        String old = integration.secret();

        Api.Response rotated = apiA.post("/v1/webhooks/" + integration.id() + "/rotate").as(Tokens.ADMIN).send();
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String next = rotated.body().get("secret").asText();

        assertThat(status(viaA, integration, next)).as("the new secret on A, at once").isEqualTo(200);
        assertThat(status(viaA, integration, old)).as("the old secret on A").isEqualTo(200);
        assertThat(status(viaB, integration, old)).as("the old secret on B, before its refresh").isEqualTo(200);
        await().atMost(WITHIN_A_REFRESH).pollInterval(POLL)
                .untilAsserted(() -> assertThat(status(viaB, integration, next)).as("the new secret on B").isEqualTo(200));
        assertThat(status(viaB, integration, old)).as("the old secret on B, after its refresh").isEqualTo(200);
        assertThat(status(viaA, integration, old)).as("the old secret on A, still").isEqualTo(200);
    }

    @Test
    void anIntegrationDisabledThroughOneInstanceRefusesAuthenticDeliveriesOnTheOtherAtOnceAndForgedOnesWithinItsRefresh() {
        Webhooks.Integration integration = services.knownToBoth(viaA.forNewEndpoint(unique("off"), unique("wh-off"), "WANDB", "production"));

        Api.Response disabled = apiA.post("/v1/webhooks/" + integration.id() + "/disable").as(Tokens.ADMIN).send();
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);

        // B has not reloaded its keys (it does once a second): its answer comes from the database.
        Api.Response onB = viaB.deliver(integration, Webhooks.newWebhookId(), DEPLOYED_ALIAS);
        assertThat(onB.status()).as(onB.toString()).isEqualTo(404);
        assertThat(onB.body().get("code").asText()).isEqualTo("WEBHOOK_NOT_FOUND");
        assertThat(status(viaA, integration, integration.secret())).isEqualTo(404);
        assertThat(events.createdVersions(integration.endpointId())).isEmpty();
        assertThat(viaA.knows(integration)).as("a forged delivery on A is refused as for an unknown integration").isFalse();
        await().atMost(WITHIN_A_REFRESH).pollInterval(POLL)
                .untilAsserted(() -> assertThat(viaB.knows(integration)).as("a forged delivery on B").isFalse());
    }

    /** A delivery signed with {@code secret}, of an alias the filter ignores. */
    private static int status(Webhooks via, Webhooks.Integration integration, String secret) {
        return via.deliver(integration, secret, Webhooks.newWebhookId(), IGNORED_ALIAS).status();
    }
}
