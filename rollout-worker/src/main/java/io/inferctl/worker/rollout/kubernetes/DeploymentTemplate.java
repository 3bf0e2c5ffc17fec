package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.worker.rollout.VersionRef;
import io.inferctl.worker.rollout.Workloads;

import java.time.Duration;
import java.util.Map;

/** The Deployment of one version: its engine on GPUs of its type, ready when the engine says so. */
final class DeploymentTemplate {

    private final KubernetesProperties properties;
    private final ObjectNames names;

    DeploymentTemplate(KubernetesProperties properties, ObjectNames names) {
        this.properties = properties;
        this.names = names;
    }

    Deployment build(VersionRef version, EndpointConfig config, int replicas, Duration progressDeadline) {
        Map<String, Quantity> gpus = Map.of(properties.gpuResource(), new Quantity(Integer.toString(config.accelerator().count())));
        return new DeploymentBuilder()
                .withNewMetadata()
                    .withName(names.version(version))
                    .withNamespace(properties.namespace())
                    .withLabels(names.versionLabels(version))
                    .withAnnotations(Map.of(WarmDeployments.WORKLOAD, Workloads.fingerprint(config)))
                .endMetadata()
                .withNewSpec()
                    .withReplicas(replicas)
                    .withProgressDeadlineSeconds(Math.toIntExact(Math.max(1, progressDeadline.toSeconds())))
                    .withNewSelector().withMatchLabels(names.selector(version)).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(names.versionLabels(version)).endMetadata()
                        .withNewSpec()
                            .withNodeSelector(Map.of(properties.gpuTypeLabel(), config.accelerator().type()))
                            .addNewContainer()
                                .withName(properties.containerName())
                                .withImage(properties.engineImage())
                                .withArgs(EngineContainer.args(config, properties.enginePort()))
                                .withEnv(EngineContainer.env(config.model()))
                                .addNewPort().withName("http").withContainerPort(properties.enginePort()).endPort()
                                .withNewResources().withRequests(gpus).withLimits(gpus).endResources()
                                .withNewReadinessProbe()
                                    .withNewHttpGet()
                                        .withPath(properties.readinessPath())
                                        .withPort(new IntOrString(properties.enginePort()))
                                    .endHttpGet()
                                    .withPeriodSeconds(properties.readinessPeriodSeconds())
                                .endReadinessProbe()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }
}
