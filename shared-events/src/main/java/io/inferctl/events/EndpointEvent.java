package io.inferctl.events;

/**
 * An event in the life of one endpoint. Every event names its endpoint, which is the Kafka
 * record key, so all events of an endpoint stay in order on one partition.
 */
public sealed interface EndpointEvent permits EndpointVersionCreated, RolloutStarted, RolloutProgressed,
        RolloutSucceeded, RolloutFailed, RolloutCancellationRequested, RolloutCancelled, EndpointDeleted {

    String endpointId();
}
