package io.inferctl.query.audit.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.WebhookIntegrationCreated;
import io.inferctl.events.WebhookIntegrationDeleted;
import io.inferctl.events.WebhookIntegrationDisabled;
import io.inferctl.events.WebhookSecretRotated;
import io.inferctl.events.webhook.PayloadFormat;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import io.inferctl.stream.StreamedEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A webhook integration's own stream on the topic becomes audit entries under the endpoint it drives. */
class WebhookAuditTest extends QueryServiceTest {

    private static final String ADMIN = "admin@example.com";
    private static final Duration PROJECTED = Duration.ofSeconds(30);

    @Test
    void anIntegrationsLifeIsAuditedUnderItsEndpointInAnyOrderAndOnce() {
        Instant start = Instant.parse("2021-03-01T00:00:00Z");
        EndpointHistory endpoint = EndpointHistory.of("wh-audit-" + UUID.randomUUID().toString().substring(0, 8), start)
                .created().served();
        publishAndAwait(endpoint);
        String integrationId = UUID.randomUUID().toString();
        String endpointId = endpoint.endpointId();
        List<StreamedEvent> life = List.of(
                streamed(integrationId, 0, start.plusSeconds(10), new WebhookIntegrationCreated(integrationId, "wandb-prod",
                        endpointId, endpoint.name(), null, PayloadFormat.WANDB, "production", 1, ADMIN, start.plusSeconds(10))),
                streamed(integrationId, 1, start.plusSeconds(11), new WebhookSecretRotated(integrationId, endpointId, endpoint.name(), 2,
                        start.plusSeconds(11).plus(Duration.ofHours(24)), ADMIN, start.plusSeconds(11))),
                streamed(integrationId, 2, start.plusSeconds(12), new WebhookIntegrationDisabled(integrationId, endpointId, endpoint.name(),
                        ADMIN, start.plusSeconds(12), "registry moved")),
                streamed(integrationId, 3, start.plusSeconds(13), new WebhookIntegrationDeleted(integrationId, endpointId, endpoint.name(),
                        ADMIN, start.plusSeconds(13), null)));

        // The last first, then everything again: no entry waits for a predecessor, none is written twice.
        topic.send(List.of(life.get(3)));
        topic.send(life);
        topic.send(life);

        String path = "/v1/audit?endpointId=" + endpointId;
        await().atMost(PROJECTED).until(() -> entries(path).size() >= 6);
        List<JsonNode> items = entries(path);
        assertThat(items).extracting(item -> item.get("action").asText()).containsExactly(
                "WEBHOOK_INTEGRATION_DELETED", "WEBHOOK_INTEGRATION_DISABLED", "WEBHOOK_SECRET_ROTATED",
                "WEBHOOK_INTEGRATION_CREATED", "ROLLOUT_SUCCEEDED", "CREATE");
        assertThat(items.get(3).get("actor").asText()).isEqualTo(ADMIN);
        assertThat(items.get(3).get("endpointName").asText()).isEqualTo(endpoint.name());
        assertThat(items.get(3).get("detail").asText()).contains("wandb-prod").contains(integrationId).contains("production");
        assertThat(items.get(2).get("detail").asText()).contains("secret v2");
        assertThat(items.get(1).get("comment").asText()).isEqualTo("registry moved");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM parked_event WHERE endpoint_id = ?", Long.class, integrationId))
                .isZero();
        Api.Response filtered = api.get("/v1/audit?action=WEBHOOK_SECRET_ROTATED&endpointId=" + endpointId)
                .as(Tokens.VIEWER).send();
        assertThat(filtered.body().get("items")).hasSize(1);
    }

    private List<JsonNode> entries(String path) {
        Api.Response page = api.get(path).as(Tokens.VIEWER).send();
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.body().get("items").forEach(items::add);
        return items;
    }

    private static StreamedEvent streamed(String integrationId, long sequence, Instant at,
                                          io.inferctl.events.EndpointEvent event) {
        return new StreamedEvent(UUID.nameUUIDFromBytes((integrationId + sequence).getBytes()).toString(), integrationId,
                sequence, at, event);
    }
}
