package io.inferctl.events;

import java.time.Instant;

/** The integration accepts no delivery any more; its history and delivery log stay. */
@EventRevision("1")
public record WebhookIntegrationDisabled(
        String integrationId,
        String endpointId,
        String endpointName,
        String disabledBy,
        Instant disabledAt,
        String comment) implements WebhookIntegrationEvent {
}
