package io.inferctl.command.webhook;

import io.inferctl.events.WebhookIntegrationCreated;

/**
 * The integrations as a table: what deliveries and listings read, and where names are unique.
 * Written in the transaction of the command being handled, like {@link SecretVault}.
 */
public interface IntegrationDirectory {

    /** @return {@code false} when another integration holds the name */
    boolean register(WebhookIntegrationCreated created);

    void changeStatus(String integrationId, IntegrationStatus status);
}
