package io.inferctl.worker.support;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.inferctl.simulator.GpuClusterSimulator;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.traffic.TrafficStats;
import io.inferctl.worker.rollout.VersionRef;
import io.inferctl.worker.rollout.kubernetes.GatewayProperties;
import io.inferctl.worker.rollout.kubernetes.KubernetesProperties;
import io.inferctl.worker.rollout.kubernetes.ObjectNames;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One endpoint on its own simulated cluster (no background load: a test sends rounds of requests
 * itself), with a version's Deployment labelled as the worker labels it. The Deployment is written
 * here rather than by the worker's template so these tests do not depend on how a rollout applies it.
 */
public final class CanaryEndpoint implements AutoCloseable {

    public static final String ID = "5f0b7f39-8d7e-4c55-9a8e-0c1d2e3f4a5b";
    public static final VersionRef V0 = new VersionRef(ID, "chat", 0);
    public static final VersionRef V1 = new VersionRef(ID, "chat", 1);
    /** A model the simulated hub has. */
    public static final String LLAMA = "hf://meta-llama/Llama-3.1-8B-Instruct";

    private final GpuClusterSimulator sim;
    private final KubernetesProperties kubernetes = bind("inferctl.kubernetes", KubernetesProperties.class, Map.of());
    private final ObjectNames names = new ObjectNames(kubernetes);

    public CanaryEndpoint() {
        sim = GpuClusterSimulator.builder().shape(ClusterShape.parse("1xNVIDIA_H100:8")).forTests()
                .requestsPerSecond(0).build().start();
    }

    /** Properties with their defaults, plus {@code values} (relaxed names under {@code prefix}). */
    public static <T> T bind(String prefix, Class<T> type, Map<String, Object> values) {
        Map<String, Object> prefixed = new HashMap<>();
        values.forEach((key, value) -> prefixed.put(prefix + "." + key, value));
        return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate(prefix, type);
    }

    public GatewayProperties gateway(Map<String, Object> values) {
        return bind("inferctl.rollout.gateway", GatewayProperties.class, values);
    }

    public GpuClusterSimulator sim() {
        return sim;
    }

    public KubernetesProperties kubernetes() {
        return kubernetes;
    }

    public ObjectNames names() {
        return names;
    }

    /** Creates the version's Deployment and waits until {@code replicas} of its pods are ready. */
    public void version(VersionRef version, int replicas) {
        deploy(version, replicas, LLAMA);
        await().untilAsserted(() -> assertThat(readyPods(version)).hasSize(replicas));
    }

    /** Creates the version's Deployment without waiting; an unknown model source makes its engines crash. */
    public void deploy(VersionRef version, int replicas, String modelSource) {
        sim.client().apps().deployments().resource(deployment(version, replicas, modelSource)).create();
    }

    public List<Pod> readyPods(VersionRef version) {
        return pods(version).stream()
                .filter(p -> p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .toList();
    }

    public List<Pod> pods(VersionRef version) {
        return sim.client().pods().inNamespace(kubernetes.namespace()).withLabels(names.selector(version)).list()
                .getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    /** What the synthetic load saw of one version; the endpoint is keyed by its id label. */
    public TrafficStats.VersionTraffic traffic(VersionRef version) {
        return sim.traffic().stats().endpoint(kubernetes.namespace() + "/" + ID)
                .map(e -> e.version(Integer.toString(version.version())))
                .orElse(new TrafficStats.VersionTraffic(0, 0, 0, 0));
    }

    private Deployment deployment(VersionRef version, int replicas, String modelSource) {
        Map<String, String> labels = names.versionLabels(version);
        return new DeploymentBuilder()
                .withNewMetadata().withName(names.version(version)).withNamespace(kubernetes.namespace())
                    .withLabels(labels).endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withNewSelector().withMatchLabels(names.selector(version)).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                    .withNewSpec()
                        .withNodeSelector(Map.of(kubernetes.gpuTypeLabel(), "NVIDIA_H100"))
                        .addToContainers(new ContainerBuilder()
                                .withName(kubernetes.containerName())
                                .withImage(kubernetes.engineImage())
                                .withEnv(new EnvVar("MODEL_NAME", "Llama-3.1-8B-Instruct", null),
                                        new EnvVar("MODEL_SOURCE", modelSource, null))
                                .withArgs("--max-input-length=4096", "--max-context-length=8192",
                                        "--port=" + kubernetes.enginePort())
                                .addNewPort().withName("http").withContainerPort(kubernetes.enginePort()).endPort()
                                .withNewReadinessProbe().withNewHttpGet().withPath(kubernetes.readinessPath())
                                    .withPort(new IntOrString("http")).endHttpGet().endReadinessProbe()
                                .withNewResources()
                                    .addToLimits(kubernetes.gpuResource(), new Quantity("1"))
                                    .addToRequests(kubernetes.gpuResource(), new Quantity("1"))
                                .endResources()
                                .build())
                    .endSpec().endTemplate()
                .endSpec()
                .build();
    }

    @Override
    public void close() {
        sim.close();
    }
}
