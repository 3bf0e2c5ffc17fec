package io.inferctl.events;

/**
 * An event in the life of a webhook integration. Its history is its own stream, keyed by the
 * integration's id; {@link #endpointId()} is the endpoint it drives, so an endpoint's audit trail
 * shows who may create its versions.
 */
public sealed interface WebhookIntegrationEvent extends EndpointEvent permits WebhookIntegrationCreated,
        WebhookSecretRotated, WebhookIntegrationDisabled, WebhookIntegrationDeleted {

    String integrationId();

    /** The driven endpoint's name, so an audit entry names it without looking it up. */
    String endpointName();

    @Override
    default String streamId() {
        return integrationId();
    }
}
