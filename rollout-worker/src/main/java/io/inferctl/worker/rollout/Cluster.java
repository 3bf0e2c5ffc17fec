package io.inferctl.worker.rollout;

import io.inferctl.events.config.EndpointConfig;

/**
 * What a rollout needs from the GPU cluster. Every operation is idempotent, so a step repeated after
 * a crash does no harm; transient API errors are retried inside, and what cannot succeed is thrown
 * as a {@link ClusterFailure} with its failure code.
 */
public interface Cluster {

    /** Whether enough GPUs are free for the version's rollout replicas, counting what the version already holds. */
    Capacity capacity(VersionRef version, EndpointConfig config, int replicas);

    /** Creates or updates the version's Deployment and HorizontalPodAutoscaler (server-side apply). */
    void applyVersion(VersionRef version, EndpointConfig config, int replicas);

    /** Where the version's pods stand: progressing (with a phase), ready, or failed for good. */
    Observation observe(VersionRef version, int replicas);

    /** Points the endpoint's Service at the version, creating the Service for the first version. */
    void routeTraffic(VersionRef version);

    /** Removes the version's Deployment and autoscaler; nothing to remove is fine. */
    void removeVersion(VersionRef version);

    /** Removes the endpoint's Service; nothing to remove is fine. */
    void removeService(VersionRef version);

    /** Removes every object of the endpoint, whatever its version: the endpoint was deleted. */
    void removeEndpoint(String endpointId);

    /**
     * @param fits    whether {@code replicas} replicas fit on free GPUs of the type
     * @param summary what is free, for a person: included in the failure message
     */
    record Capacity(boolean fits, String summary) {
    }
}
