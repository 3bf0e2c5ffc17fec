package io.inferctl.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.inferctl.simulator.traffic.TrafficStats;
import java.util.List;
import java.util.Map;

/** An endpoint the way the worker lays it out for a canary: a Deployment and a Service per version, one HTTPRoute. */
final class TrafficFixture {

    static final String ENDPOINT = "llama";
    static final String STATS_KEY = "default/" + ENDPOINT;

    private final GpuClusterSimulator sim;
    private final KubernetesClient client;

    TrafficFixture(GpuClusterSimulator sim) {
        this.sim = sim;
        this.client = sim.client();
    }

    static String service(int version) {
        return ENDPOINT + "-v" + version;
    }

    /** Deployment and Service of one version, waited for until {@code replicas} pods are ready. */
    void version(int version, int replicas) {
        version(version, replicas, Workloads.engineSpec("NVIDIA_H100", 1));
        awaitReady(version, replicas);
    }

    void version(int version, int replicas, PodSpec spec) {
        client.apps().deployments().resource(Workloads.deployment(ENDPOINT, version, replicas, spec)).create();
        client.services().resource(Workloads.service(service(version), Map.of(Workloads.ENDPOINT_LABEL, ENDPOINT,
                Workloads.VERSION_LABEL, Integer.toString(version)))).create();
    }

    void route(Map<String, Integer> weights) {
        client.resources(HTTPRoute.class).resource(Routes.route(ENDPOINT, weights)).fieldManager("test")
                .forceConflicts().serverSideApply();
    }

    void awaitReady(int version, int replicas) {
        await().untilAsserted(() -> assertThat(readyPods(version)).hasSize(replicas));
    }

    List<Pod> readyPods(int version) {
        return client.pods().withLabel(Workloads.VERSION_LABEL, Integer.toString(version))
                .withLabel(Workloads.ENDPOINT_LABEL, ENDPOINT).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .toList();
    }

    TrafficStats.EndpointTraffic traffic() {
        return sim.traffic().stats().endpoint(STATS_KEY).orElseThrow();
    }

    TrafficStats.VersionTraffic traffic(int version) {
        return traffic().version(Integer.toString(version));
    }
}
