package io.inferctl.events;

/**
 * An event in the life of one endpoint, or of a webhook integration that drives one. Every event
 * names its endpoint; its {@link #streamId() stream} is the Kafka record key, so all events of one
 * stream stay in order on one partition.
 */
public sealed interface EndpointEvent permits EndpointVersionCreated, RolloutStarted, RolloutProgressed,
        RolloutSucceeded, RolloutFailed, RolloutCancellationRequested, RolloutCancelled, CanaryPromotionRequested,
        VersionStandbyStarted,
        VersionStandbyEnded, EndpointDeleted, WebhookIntegrationEvent {

    String endpointId();

    /**
     * The history the event belongs to: the endpoint's, except for a webhook integration's events,
     * which have their own. Record key, CloudEvents subject, and the scope of its sequence number.
     */
    default String streamId() {
        return endpointId();
    }
}
