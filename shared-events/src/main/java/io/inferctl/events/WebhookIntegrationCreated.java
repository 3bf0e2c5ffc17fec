package io.inferctl.events;

import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.webhook.PayloadFormat;

import java.time.Instant;

/**
 * A webhook integration exists and its first signing secret was issued. The secret itself is never
 * part of an event: it is stored encrypted beside the event store.
 *
 * @param endpointName the endpoint's name (of an existing endpoint, or the one the first delivery creates)
 * @param template     the configuration of the first version when the endpoint does not exist yet, else {@code null}
 * @param aliasFilter  deliveries naming another alias are ignored; {@code null} accepts every alias
 */
@EventRevision("2")
public record WebhookIntegrationCreated(
        String integrationId,
        String name,
        String endpointId,
        String endpointName,
        EndpointConfig template,
        PayloadFormat format,
        String aliasFilter,
        int secretVersion,
        String createdBy,
        Instant createdAt) implements WebhookIntegrationEvent {
}
