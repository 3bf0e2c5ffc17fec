package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.inferctl.events.config.AutoscalingSpec;
import io.inferctl.worker.rollout.VersionRef;

/**
 * The HorizontalPodAutoscaler of one version: its replica bounds, and its cooldown as the
 * scale-down stabilisation window. A minimum of 0 becomes 1 here: the stock autoscaler cannot scale
 * to zero (that needs the HPAScaleToZero feature gate or an event-driven scaler); the annotation
 * keeps the version's real minimum for such a scaler.
 */
final class AutoscalerTemplate {

    static final String MIN_REPLICAS_ANNOTATION = "inferctl.io/min-replicas";
    /** The API's upper bound for a stabilisation window (one hour). */
    private static final int MAX_STABILIZATION_SECONDS = 3600;

    private final KubernetesProperties properties;
    private final ObjectNames names;

    AutoscalerTemplate(KubernetesProperties properties, ObjectNames names) {
        this.properties = properties;
        this.names = names;
    }

    HorizontalPodAutoscaler build(VersionRef version, AutoscalingSpec autoscaling) {
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                    .withName(names.version(version))
                    .withNamespace(properties.namespace())
                    .withLabels(names.versionLabels(version))
                    .addToAnnotations(MIN_REPLICAS_ANNOTATION, Integer.toString(autoscaling.minReplicas()))
                .endMetadata()
                .withNewSpec()
                    .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(names.version(version)).endScaleTargetRef()
                    .withMinReplicas(Math.max(1, autoscaling.minReplicas()))
                    .withMaxReplicas(Math.max(1, autoscaling.maxReplicas()))
                    .addNewMetric()
                        .withType("Resource")
                        .withNewResource().withName("cpu")
                            .withNewTarget().withType("Utilization").withAverageUtilization(properties.cpuUtilizationPercent()).endTarget()
                        .endResource()
                    .endMetric()
                    .withNewBehavior()
                        .withNewScaleDown()
                            .withStabilizationWindowSeconds(Math.min(MAX_STABILIZATION_SECONDS, Math.max(0, autoscaling.cooldownSeconds())))
                        .endScaleDown()
                    .endBehavior()
                .endSpec()
                .build();
    }
}
