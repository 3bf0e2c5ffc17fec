package io.inferctl.command.webhook;

import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.webhook.PayloadFormat;

/**
 * Create an integration that drives one endpoint: an existing one ({@code template} is {@code null})
 * or one its first delivery creates from {@code template}.
 */
public record CreateWebhookIntegrationCommand(
        String integrationId,
        String name,
        String endpointId,
        String endpointName,
        EndpointConfig template,
        PayloadFormat format,
        String aliasFilter,
        String requestedBy) implements WebhookIntegrationCommand {
}
