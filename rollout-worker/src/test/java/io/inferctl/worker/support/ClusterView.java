package io.inferctl.worker.support;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;

/** What the Kubernetes API shows of one endpoint, read with the worker's default label keys. */
public final class ClusterView {

    public static final String ENDPOINT_ID = "inferctl.io/endpoint-id";
    public static final String VERSION = "inferctl.io/version";

    private final KubernetesClient client;

    public ClusterView(KubernetesClient client) {
        this.client = client;
    }

    public KubernetesClient client() {
        return client;
    }

    /** Versions that have a Deployment, sorted. */
    public List<Integer> deployedVersions(String endpointId) {
        return client.apps().deployments().withLabel(ENDPOINT_ID, endpointId).list().getItems().stream()
                .filter(d -> d.getMetadata().getDeletionTimestamp() == null)
                .map(d -> Integer.parseInt(d.getMetadata().getLabels().get(VERSION)))
                .sorted().toList();
    }

    public List<Integer> autoscaledVersions(String endpointId) {
        return client.autoscaling().v2().horizontalPodAutoscalers().withLabel(ENDPOINT_ID, endpointId).list().getItems()
                .stream().map(h -> Integer.parseInt(h.getMetadata().getLabels().get(VERSION))).sorted().toList();
    }

    public int podCount(String endpointId) {
        return client.pods().withLabel(ENDPOINT_ID, endpointId).list().getItems().size();
    }

    public Deployment deployment(String name) {
        return client.apps().deployments().withName(name).get();
    }

    public HorizontalPodAutoscaler autoscaler(String name) {
        return client.autoscaling().v2().horizontalPodAutoscalers().withName(name).get();
    }

    public Service service(String name) {
        return client.services().withName(name).get();
    }

    /** The version the endpoint's Service selects, or null without a Service. */
    public Integer servedVersion(String name) {
        Service service = service(name);
        if (service == null) {
            return null;
        }
        Map<String, String> selector = service.getSpec().getSelector();
        return Integer.parseInt(selector.get(VERSION));
    }
}
