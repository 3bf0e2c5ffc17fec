package io.inferctl.simulator;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.inferctl.simulator.cluster.Gpus;
import io.inferctl.simulator.engine.EngineContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds workloads the way the rollout worker will: labels, GPU limits, node selector, engine env and args. */
final class Workloads {

    static final String ENDPOINT_LABEL = "inferctl.io/endpoint";
    static final String VERSION_LABEL = "inferctl.io/version";
    static final String LLAMA_8B = "hf://meta-llama/Llama-3.1-8B-Instruct";
    static final String IMAGE = "ghcr.io/inferctl/engine:1.0";

    private Workloads() {
    }

    static List<String> engineArgs(int maxInputLength, int maxContextLength) {
        return List.of("--max-batch-size=64", "--max-input-length=" + maxInputLength,
                "--max-context-length=" + maxContextLength, "--tokenizer-skip-special-tokens=true",
                "--tokenizer-add-special-tokens=false", "--queue-timeout-ms=30000");
    }

    static PodSpec engineSpec(String gpuType, int gpus, String modelSource, List<String> args, String image) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVar(EngineContract.ENV_MODEL_NAME, "model", null));
        env.add(new EnvVar(EngineContract.ENV_MODEL_SOURCE, modelSource, null));
        return new PodSpecBuilder()
                .withNodeSelector(Map.of(Gpus.PRODUCT_LABEL, gpuType))
                .addToContainers(new ContainerBuilder()
                        .withName("engine")
                        .withImage(image)
                        .withArgs(args)
                        .withEnv(env)
                        .addNewPort().withName("http").withContainerPort(8000).endPort()
                        .withNewReadinessProbe().withNewHttpGet().withPath("/health").withPort(new IntOrString("http"))
                        .endHttpGet().endReadinessProbe()
                        .withNewResources()
                        .addToLimits(Gpus.RESOURCE, new Quantity(Integer.toString(gpus)))
                        .addToRequests(Gpus.RESOURCE, new Quantity(Integer.toString(gpus)))
                        .endResources()
                        .build())
                .build();
    }

    static PodSpec engineSpec(String gpuType, int gpus) {
        return engineSpec(gpuType, gpus, LLAMA_8B, engineArgs(4096, 8192), IMAGE);
    }

    static Pod pod(String name, PodSpec spec) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withSpec(spec).build();
    }

    /** {@code <endpoint>-v<version>}, labelled for the endpoint and version, rolling with surge 1 and no unavailability. */
    static Deployment deployment(String endpoint, int version, int replicas, PodSpec spec) {
        Map<String, String> labels = Map.of(ENDPOINT_LABEL, endpoint, VERSION_LABEL, Integer.toString(version));
        return new DeploymentBuilder()
                .withNewMetadata().withName(endpoint + "-v" + version).withNamespace("default").withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withSpec(spec).endTemplate()
                .endSpec()
                .build();
    }

    static Service service(String name, Map<String, String> selector) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withSelector(selector)
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort()
                .endSpec()
                .build();
    }

    static long readyEndpoints(KubernetesClient client, String service) {
        return client.discovery().v1().endpointSlices().inNamespace("default")
                .withLabel("kubernetes.io/service-name", service).list().getItems().stream()
                .mapToLong(Workloads::readyEndpoints)
                .sum();
    }

    static long readyEndpoints(EndpointSlice slice) {
        return slice.getEndpoints() == null ? 0 : slice.getEndpoints().stream()
                .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                .count();
    }
}
