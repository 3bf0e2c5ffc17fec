package io.inferctl.command.webhook;

/** Stop accepting deliveries; the integration's history and delivery log stay. */
public record DisableWebhookIntegrationCommand(String integrationId, String comment, String requestedBy)
        implements WebhookIntegrationCommand {
}
