package io.inferctl.command.webhook;

/** A command addressed to one webhook integration; its id routes it to that integration's aggregate. */
public interface WebhookIntegrationCommand {

    String integrationId();
}
