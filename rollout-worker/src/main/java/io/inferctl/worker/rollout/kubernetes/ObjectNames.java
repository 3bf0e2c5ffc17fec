package io.inferctl.worker.rollout.kubernetes;

import io.inferctl.worker.rollout.VersionRef;

import java.util.LinkedHashMap;
import java.util.Map;

/** Names and labels of an endpoint's objects, in one place so that templates and lookups agree. */
public final class ObjectNames {

    static final String MANAGED_BY = "inferctl";

    private final KubernetesProperties properties;

    public ObjectNames(KubernetesProperties properties) {
        this.properties = properties;
    }

    public String service(VersionRef version) {
        return properties.namePrefix() + version.name();
    }

    /** Deployment and autoscaler of one version. */
    public String version(VersionRef version) {
        return properties.namePrefix() + version.name() + "-v" + version.version();
    }

    /** What the Service selects and the version's pods carry: endpoint and version. */
    public Map<String, String> selector(VersionRef version) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(properties.labels().endpointId(), version.endpointId());
        selector.put(properties.labels().version(), Integer.toString(version.version()));
        return selector;
    }

    /** Labels of every object of the endpoint. */
    public Map<String, String> endpointLabels(VersionRef version) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(properties.labels().endpointId(), version.endpointId());
        labels.put(properties.labels().endpointName(), version.name());
        labels.put(properties.labels().managedBy(), MANAGED_BY);
        return labels;
    }

    /** Labels of a version's Deployment, autoscaler and pods. */
    public Map<String, String> versionLabels(VersionRef version) {
        Map<String, String> labels = endpointLabels(version);
        labels.putAll(selector(version));
        return labels;
    }

    public String endpointIdLabel() {
        return properties.labels().endpointId();
    }
}
