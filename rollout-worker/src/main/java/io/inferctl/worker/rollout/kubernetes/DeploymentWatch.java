package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.inferctl.worker.rollout.RolloutNudges;
import io.inferctl.worker.rollout.VersionRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.Map;
import java.util.Objects;

/**
 * Watches the worker's Deployments and nudges a version's rollout the moment its status changes,
 * so traffic switches as soon as the last replica is available rather than at the next periodic
 * check. Only an accelerator: the periodic check still finds everything, so a broken watch slows a
 * rollout down and never stops it.
 */
public class DeploymentWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeploymentWatch.class);

    private final KubernetesClient client;
    private final KubernetesProperties properties;
    private final RolloutNudges nudges;
    private SharedIndexInformer<Deployment> informer;

    public DeploymentWatch(KubernetesClient client, KubernetesProperties properties, RolloutNudges nudges) {
        this.client = client;
        this.properties = properties;
        this.nudges = nudges;
    }

    @Override
    public synchronized void start() {
        informer = client.apps().deployments().inNamespace(properties.namespace())
                .withLabel(properties.labels().managedBy(), ObjectNames.MANAGED_BY)
                .runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment deployment) {
                nudge(deployment);
            }

            @Override
            public void onUpdate(Deployment before, Deployment after) {
                if (!Objects.equals(status(before), status(after))) {
                    nudge(after);
                }
            }

            @Override
            public void onDelete(Deployment deployment, boolean deletedFinalStateUnknown) {
                // A removed version has nothing left to become ready.
            }
        });
        // Not awaited: an unreachable cluster must not keep the worker from starting.
        informer.start().exceptionally(e -> {
            log.warn("Deployment watch did not start ({}); rollouts rely on their periodic checks", e.getMessage());
            return null;
        });
    }

    private static DeploymentStatus status(Deployment deployment) {
        return deployment == null ? null : deployment.getStatus();
    }

    private void nudge(Deployment deployment) {
        Map<String, String> labels = deployment.getMetadata().getLabels();
        try {
            VersionRef version = new VersionRef(labels.get(properties.labels().endpointId()),
                    labels.get(properties.labels().endpointName()),
                    Integer.parseInt(labels.get(properties.labels().version())));
            nudges.clusterChanged(version);
        } catch (RuntimeException e) {
            log.debug("No nudge for Deployment {}: {}", deployment.getMetadata().getName(), e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (informer != null) {
            informer.stop();
            informer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return informer != null;
    }
}
