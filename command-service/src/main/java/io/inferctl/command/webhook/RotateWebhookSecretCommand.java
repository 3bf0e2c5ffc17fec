package io.inferctl.command.webhook;

/** Issue a new signing secret; the current one keeps verifying for the configured overlap. */
public record RotateWebhookSecretCommand(String integrationId, String requestedBy) implements WebhookIntegrationCommand {
}
