package io.inferctl.worker.rollout;

/**
 * One version of one endpoint, as the cluster and the command API name it.
 *
 * @param endpointId the endpoint's id (stable; the Kafka key)
 * @param name       the endpoint's name, a DNS label: it names the Service and the version's objects
 * @param version    the version number
 */
public record VersionRef(String endpointId, String name, int version) {

    public VersionRef withVersion(int other) {
        return new VersionRef(endpointId, name, other);
    }

    @Override
    public String toString() {
        return name + " v" + version + " (" + endpointId + ")";
    }
}
