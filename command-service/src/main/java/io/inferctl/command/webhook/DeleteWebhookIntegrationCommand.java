package io.inferctl.command.webhook;

/** Remove the integration and destroy its secrets. */
public record DeleteWebhookIntegrationCommand(String integrationId, String comment, String requestedBy)
        implements WebhookIntegrationCommand {
}
