package io.inferctl.events;

import java.time.Instant;

/** The integration is gone and its secrets destroyed. */
@EventRevision("1")
public record WebhookIntegrationDeleted(
        String integrationId,
        String endpointId,
        String endpointName,
        String deletedBy,
        Instant deletedAt,
        String comment) implements WebhookIntegrationEvent {
}
