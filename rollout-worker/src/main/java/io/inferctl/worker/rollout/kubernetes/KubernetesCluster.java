package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.worker.rollout.Cluster;
import io.inferctl.worker.rollout.Observation;
import io.inferctl.worker.rollout.RolloutProperties;
import io.inferctl.worker.rollout.VersionRef;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link Cluster} on a Kubernetes API through fabric8, every write a server-side apply. */
public class KubernetesCluster implements Cluster {

    private final KubernetesClient client;
    private final KubernetesProperties properties;
    private final RolloutProperties rollout;
    private final ObjectNames names;
    private final ClusterCalls calls;
    private final DeploymentTemplate deployments;
    private final AutoscalerTemplate autoscalers;
    private final ServiceTemplate services;

    public KubernetesCluster(KubernetesClient client, KubernetesProperties properties, RolloutProperties rollout) {
        this.client = client;
        this.properties = properties;
        this.rollout = rollout;
        this.names = new ObjectNames(properties);
        this.calls = new ClusterCalls(properties.retry());
        this.deployments = new DeploymentTemplate(properties, names);
        this.autoscalers = new AutoscalerTemplate(properties, names);
        this.services = new ServiceTemplate(properties, names);
    }

    public ObjectNames names() {
        return names;
    }

    /**
     * Free GPUs per node of the type: allocatable minus what bound pods request (terminating pods
     * still hold theirs), plus what this version's own pods hold, so that a preflight repeated after
     * a crash does not count the version against itself. Replicas are packed per node, since one
     * replica's GPUs must sit on one node.
     */
    @Override
    public Capacity capacity(VersionRef version, EndpointConfig config, int replicas) {
        String type = config.accelerator().type();
        int perReplica = config.accelerator().count();
        List<Node> nodes = calls.call("list nodes", () -> client.nodes()
                .withLabel(properties.gpuTypeLabel(), type).list().getItems());
        List<Pod> pods = calls.call("list pods", () -> client.pods().inAnyNamespace().list().getItems());
        Map<String, String> own = names.selector(version);
        Map<String, Integer> held = new HashMap<>();
        for (Pod pod : pods) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            boolean ours = pod.getMetadata().getLabels() != null && pod.getMetadata().getLabels().entrySet().containsAll(own.entrySet());
            if (node == null || "Succeeded".equals(phase) || "Failed".equals(phase) || ours) {
                continue;
            }
            held.merge(node, gpusRequested(pod), Integer::sum);
        }
        Map<String, Integer> free = new TreeMap<>();
        int fitting = 0;
        for (Node node : nodes) {
            if (Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
                continue;
            }
            Quantity allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null
                    ? null : node.getStatus().getAllocatable().get(properties.gpuResource());
            int total = allocatable == null ? 0 : allocatable.getNumericalAmount().intValue();
            int available = Math.max(0, total - held.getOrDefault(node.getMetadata().getName(), 0));
            free.put(node.getMetadata().getName(), available);
            fitting += available / perReplica;
        }
        if (fitting >= replicas) {
            return new Capacity(true, fitting + " replicas fit");
        }
        String perNode = free.isEmpty() ? "no schedulable node has " + type + " GPUs"
                : "free " + type + " GPUs per node: " + free;
        return new Capacity(false, "Version " + version.version() + " needs " + replicas + " replica(s) x "
                + perReplica + " " + type + " GPU(s) but only " + fitting + " fit on free GPUs (" + perNode
                + "); the serving version keeps its own.");
    }

    @Override
    public void applyVersion(VersionRef version, EndpointConfig config, int replicas) {
        Deployment deployment = deployments.build(version, config, replicas, rollout.deadline());
        calls.run("apply Deployment " + names.version(version), () -> client.resource(deployment)
                .fieldManager(properties.fieldManager()).forceConflicts().serverSideApply());
        var autoscaler = autoscalers.build(version, config.autoscaling());
        calls.run("apply HorizontalPodAutoscaler " + names.version(version), () -> client.resource(autoscaler)
                .fieldManager(properties.fieldManager()).forceConflicts().serverSideApply());
    }

    @Override
    public Observation observe(VersionRef version, int replicas) {
        Deployment deployment = calls.call("read Deployment " + names.version(version), () -> client.apps().deployments()
                .inNamespace(properties.namespace()).withName(names.version(version)).get());
        List<Pod> pods = calls.call("list pods of " + names.version(version), () -> client.pods()
                .inNamespace(properties.namespace()).withLabels(names.selector(version)).list().getItems());
        return PodClassifier.classify(deployment, pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList(),
                replicas);
    }

    @Override
    public void routeTraffic(VersionRef version) {
        var service = services.build(version);
        calls.run("point Service " + names.service(version) + " at version " + version.version(), () -> client.resource(service)
                .fieldManager(properties.fieldManager()).forceConflicts().serverSideApply());
    }

    @Override
    public void removeVersion(VersionRef version) {
        calls.run("delete HorizontalPodAutoscaler " + names.version(version), () -> client.autoscaling().v2()
                .horizontalPodAutoscalers().inNamespace(properties.namespace()).withName(names.version(version)).delete());
        calls.run("delete Deployment " + names.version(version), () -> client.apps().deployments()
                .inNamespace(properties.namespace()).withName(names.version(version)).delete());
    }

    @Override
    public void removeService(VersionRef version) {
        calls.run("delete Service " + names.service(version), () -> client.services()
                .inNamespace(properties.namespace()).withName(names.service(version)).delete());
    }

    @Override
    public void removeEndpoint(String endpointId) {
        String label = names.endpointIdLabel();
        calls.run("delete autoscalers of endpoint " + endpointId, () -> client.autoscaling().v2().horizontalPodAutoscalers()
                .inNamespace(properties.namespace()).withLabel(label, endpointId).delete());
        calls.run("delete Deployments of endpoint " + endpointId, () -> client.apps().deployments()
                .inNamespace(properties.namespace()).withLabel(label, endpointId).delete());
        calls.run("delete Service of endpoint " + endpointId, () -> client.services()
                .inNamespace(properties.namespace()).withLabel(label, endpointId).delete());
    }

    private int gpusRequested(Pod pod) {
        int total = 0;
        for (var container : pod.getSpec().getContainers()) {
            if (container.getResources() == null) {
                continue;
            }
            Quantity quantity = container.getResources().getRequests() == null ? null
                    : container.getResources().getRequests().get(properties.gpuResource());
            if (quantity == null && container.getResources().getLimits() != null) {
                quantity = container.getResources().getLimits().get(properties.gpuResource());
            }
            if (quantity != null) {
                total += quantity.getNumericalAmount().intValue();
            }
        }
        return total;
    }
}
