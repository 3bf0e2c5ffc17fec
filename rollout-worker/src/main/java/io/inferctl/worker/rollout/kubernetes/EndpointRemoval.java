package io.inferctl.worker.rollout.kubernetes;

import io.inferctl.events.EndpointDeleted;
import io.inferctl.worker.rollout.Cluster;
import io.inferctl.worker.eventstore.EventStoreConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A deleted endpoint leaves nothing on the cluster: its Service and every version's objects go.
 */
@Component
@ProcessingGroup(EventStoreConfiguration.REMOVAL_PROCESSING_GROUP)
class EndpointRemoval {

    private final Cluster cluster;

    EndpointRemoval(Cluster cluster) {
        this.cluster = cluster;
    }

    @EventHandler
    void on(EndpointDeleted deleted) {
        cluster.removeEndpoint(deleted.endpointId());
    }
}
