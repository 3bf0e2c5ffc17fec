package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.worker.rollout.Cluster;
import io.inferctl.worker.rollout.Observation;
import io.inferctl.worker.rollout.RolloutProperties;
import io.inferctl.worker.rollout.VersionRef;
import io.inferctl.worker.rollout.health.HealthLooks;
import io.inferctl.worker.rollout.health.HealthThresholds;
import io.inferctl.worker.rollout.health.HealthVerdict;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@link Cluster} on a Kubernetes API through fabric8, every write a server-side apply. Calls that
 * do not depend on each other (the two lists of a preflight, the Deployment and its autoscaler, the
 * Deployment and its pods of a readiness check) go out together: each step costs one round trip to
 * the API server on the rollout's path, not two.
 */
public class KubernetesCluster implements Cluster, AutoCloseable {

    private final KubernetesClient client;
    private final KubernetesProperties properties;
    private final RolloutProperties rollout;
    private final ObjectNames names;
    private final ClusterCalls calls;
    private final DeploymentTemplate deployments;
    private final AutoscalerTemplate autoscalers;
    private final ServiceTemplate services;
    private final WarmDeployments warm;
    private final TrafficSplit split;
    private final HealthLooks health;
    /** Runs the second of two independent calls; as many at once as rollout steps run (processor and scheduler threads). */
    private final ExecutorService alongside;

    public KubernetesCluster(KubernetesClient client, KubernetesProperties properties, RolloutProperties rollout,
                             TrafficSplit split, HealthLooks health) {
        this.split = split;
        this.health = health;
        this.client = client;
        this.properties = properties;
        this.rollout = rollout;
        this.names = new ObjectNames(properties);
        this.calls = new ClusterCalls(properties.retry().policy());
        this.deployments = new DeploymentTemplate(properties, names);
        this.autoscalers = new AutoscalerTemplate(properties, names);
        this.services = new ServiceTemplate(properties, names);
        this.warm = new WarmDeployments(client, properties, names, calls);
        AtomicInteger threads = new AtomicInteger();
        this.alongside = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "cluster-call-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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
        Both<List<Node>, List<Pod>> listed = both(
                () -> calls.call("list nodes", () -> client.nodes().withLabel(properties.gpuTypeLabel(), type).list().getItems()),
                () -> calls.call("list pods", () -> client.pods().inAnyNamespace().list().getItems()));
        List<Node> nodes = listed.first();
        List<Pod> pods = listed.second();
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
        var autoscaler = autoscalers.build(version, config.autoscaling());
        // An autoscaler may exist before its Deployment: it waits for its target.
        both(() -> calls.call("apply Deployment " + names.version(version), () -> client.resource(deployment)
                        .fieldManager(properties.fieldManager()).forceConflicts().serverSideApply()),
                () -> calls.call("apply HorizontalPodAutoscaler " + names.version(version), () -> client.resource(autoscaler)
                        .fieldManager(properties.fieldManager()).forceConflicts().serverSideApply()));
    }

    @Override
    public Observation observe(VersionRef version, int replicas) {
        Both<Deployment, List<Pod>> seen = both(
                () -> calls.call("read Deployment " + names.version(version), () -> client.apps().deployments()
                        .inNamespace(properties.namespace()).withName(names.version(version)).get()),
                () -> calls.call("list pods of " + names.version(version), () -> client.pods()
                        .inNamespace(properties.namespace()).withLabels(names.selector(version)).list().getItems()));
        Deployment deployment = seen.first();
        List<Pod> pods = seen.second();
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
    public void splitTraffic(VersionRef serving, VersionRef canary, int canaryPercent) {
        split.shift(serving, canary, canaryPercent);
    }

    @Override
    public void endSplit(VersionRef to, VersionRef other) {
        HTTPRoute route = calls.call("read HTTPRoute " + names.service(to), () -> client.resources(HTTPRoute.class)
                .inNamespace(properties.namespace()).withName(names.service(to)).get());
        if (route != null) {
            // Weights first: removing a route the Gateway still splits by could leave requests on the
            // version being taken off until the Gateway notices the route is gone.
            split.shift(to, other, 0);
            split.removeRoute(to);
        }
        split.removeVersionService(to);
        split.removeVersionService(other);
    }

    @Override
    public HealthVerdict health(VersionRef version, HealthThresholds thresholds) {
        return calls.call("look at the health of " + names.version(version), () -> health.look(version, thresholds));
    }

    @Override
    public void removeVersion(VersionRef version) {
        health.forget(version);
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
        calls.run("delete HTTPRoute of endpoint " + endpointId, () -> client.resources(HTTPRoute.class)
                .inNamespace(properties.namespace()).withLabel(label, endpointId).delete());
    }

    @Override
    public List<Deployed> deployments(VersionRef anyVersionOfEndpoint) {
        return warm.list(anyVersionOfEndpoint);
    }

    @Override
    public Integer servedDeployment(VersionRef anyVersionOfEndpoint) {
        return warm.served(anyVersionOfEndpoint);
    }

    @Override
    public void keepWarm(VersionRef deployment, int warmAs, int replicas, Instant until) {
        warm.keepWarm(deployment, warmAs, replicas, until);
    }

    @Override
    public void claim(VersionRef deployment, int by) {
        warm.claim(deployment, by);
    }

    private record Both<A, B>(A first, B second) {
    }

    /**
     * Both calls, the second on another thread. Returns only once both are over, even when one
     * failed, so no write of a step lands after the step (and a compensation after it) has moved
     * on; a failure of the first call wins, as if they had run in order.
     */
    private <A, B> Both<A, B> both(Supplier<A> first, Supplier<B> second) {
        CompletableFuture<B> other = CompletableFuture.supplyAsync(second, alongside);
        A a = null;
        RuntimeException failure = null;
        try {
            a = first.get();
        } catch (RuntimeException e) {
            failure = e;
        }
        B b = null;
        try {
            b = other.join();
        } catch (CompletionException e) {
            if (failure == null) {
                failure = e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return new Both<>(a, b);
    }

    @Override
    public void close() {
        alongside.shutdownNow();
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
