package io.inferctl.command.webhook.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.webhook.crypto.SigningSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static io.inferctl.command.webhook.web.TwoCommandServices.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged deliveries cost no database connection, proven on the real stack: instance A's pool is
 * wrapped by {@link ConnectionBorrowers}, which notes every borrow with its thread and the request
 * being handled. WebhookDeliveriesTest proves the order of the checks with mocks; this proves that
 * nothing else on the way (filters, security, the error handler) reaches for the database either.
 */
@ExtendWith(TwoCommandServices.ClosedAtEnd.class)
class ForgedDeliveryDatabaseTest {

    private static final int EACH = 10;
    private static final String BODY = Webhooks.wandb("acme/llm/llama:v3", "production");
    /** Tomcat's request threads ("http-nio-auto-1-exec-3"); relay, scheduler and Kafka threads are named otherwise. */
    private static final String REQUEST_THREAD = "-exec-";

    private final TwoCommandServices services = TwoCommandServices.get();
    private final Webhooks viaA = new Webhooks(services.apiA());

    /** One kind of forgery: what a sender without the secret (or too late) can send. */
    private record Forgery(int status, Function<String, Api.Response> send) {
    }

    @Test
    void fiftyForgedDeliveriesBorrowNoConnectionAndOneAuthenticDeliveryDoes() {
        Webhooks.Integration integration = viaA.forNewEndpoint(unique("forged"), unique("wh-forged"), "WANDB", null);
        String otherKey = SigningSecret.format(SigningSecret.newKey());
        List<Forgery> forgeries = List.of(
                new Forgery(401, id -> signed(integration.id(), otherKey, id, Instant.now(), BODY, BODY)),
                new Forgery(401, id -> signed(integration.id(), integration.secret(), id,
                        Instant.now().minus(Duration.ofMinutes(10)), BODY, BODY)),
                new Forgery(401, id -> signed(integration.id(), integration.secret(), id, Instant.now(), BODY,
                        BODY.replace("llama:v3", "evil:v1"))),
                new Forgery(401, id -> viaA.send(integration.id(), id, Webhooks.now(), null, BODY)),
                new Forgery(404, id -> signed(UUID.randomUUID().toString(), integration.secret(), id, Instant.now(), BODY, BODY)));
        int mark = ConnectionBorrowers.count();

        List<String> forgedIds = new ArrayList<>();
        for (Forgery forgery : forgeries) {
            for (int i = 0; i < EACH; i++) {
                String webhookId = Webhooks.newWebhookId();
                forgedIds.add(webhookId);
                Api.Response refused = forgery.send().apply(webhookId);
                assertThat(refused.status()).as(refused.toString()).isEqualTo(forgery.status());
            }
        }

        List<ConnectionBorrowers.Borrow> whileForged = ConnectionBorrowers.since(mark);
        String authenticId = Webhooks.newWebhookId();
        Api.Response accepted = viaA.deliver(integration, authenticId, BODY);

        assertThat(forgedIds).hasSize(50);
        assertThat(whileForged).as("connections borrowed by request threads while forgeries were answered")
                .noneMatch(borrow -> borrow.thread().contains(REQUEST_THREAD));
        forgedIds.forEach(id -> assertThat(ConnectionBorrowers.forWebhookId(id)).as(id).isEmpty());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(ConnectionBorrowers.forWebhookId(authenticId)).as("the authentic delivery's borrows")
                .isNotEmpty()
                .allMatch(borrow -> borrow.thread().contains(REQUEST_THREAD));
    }

    /** Signed with {@code secret} over {@code signedBody}, sending {@code sentBody}. */
    private Api.Response signed(String integrationId, String secret, String webhookId, Instant at, String signedBody,
                                String sentBody) {
        String timestamp = Long.toString(at.getEpochSecond());
        return viaA.send(integrationId, webhookId, timestamp, Webhooks.sign(secret, webhookId, timestamp, signedBody), sentBody);
    }
}
