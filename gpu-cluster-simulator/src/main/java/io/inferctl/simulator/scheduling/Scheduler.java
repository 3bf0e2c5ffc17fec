package io.inferctl.simulator.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.cluster.GpuUsage;
import io.inferctl.simulator.cluster.Gpus;
import io.inferctl.simulator.controller.ControlLoop;
import io.inferctl.simulator.controller.Reconciler;
import io.inferctl.simulator.engine.EngineContract;
import io.inferctl.simulator.events.EventRecorder;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Conditions;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Binds pending pods to nodes. A node must be schedulable (not cordoned), match the pod's node
 * selector and required node affinity, and have enough free {@code nvidia.com/gpu}. Among the nodes
 * that fit, the fullest one wins (bin packing), so that whole nodes stay free for pods that need all
 * eight GPUs. A pod that fits nowhere stays Pending with {@code PodScheduled=False/Unschedulable} and
 * the scheduler's usual per-node tally as message; it is retried whenever the cluster changes.
 */
public final class Scheduler implements Reconciler {

    static final String COMPONENT = "default-scheduler";
    static final String UNSCHEDULABLE_NODE = "node(s) were unschedulable";
    static final String AFFINITY_MISMATCH = "node(s) didn't match Pod's node affinity/selector";
    static final String INSUFFICIENT_GPU = "Insufficient " + Gpus.RESOURCE;

    private final ClusterStore store;
    private final EventRecorder events;

    public Scheduler(ClusterStore store, EventRecorder events) {
        this.store = store;
        this.events = events;
    }

    @Override
    public void reconcile(ControlLoop loop) {
        List<JsonNode> nodes = new ArrayList<>(store.list(ResourceTypes.NODES, null));
        List<JsonNode> pods = new ArrayList<>(store.list(ResourceTypes.PODS, null));
        GpuUsage usage = GpuUsage.of(nodes, pods);
        pods.stream()
                .filter(Scheduler::isPending)
                .sorted(Comparator.comparing(Meta::created).thenComparing(Meta::namespace).thenComparing(Meta::name))
                .forEach(pod -> schedule(pod, nodes, usage, loop));
    }

    private static boolean isPending(JsonNode pod) {
        return pod.path("spec").path("nodeName").asText("").isEmpty()
                && !Meta.isBeingDeleted(pod)
                && "default-scheduler".equals(pod.path("spec").path("schedulerName").asText("default-scheduler"));
    }

    private void schedule(JsonNode pod, List<JsonNode> nodes, GpuUsage usage, ControlLoop loop) {
        int gpus = Gpus.requestedBy(pod);
        Map<String, Integer> rejections = new TreeMap<>();
        JsonNode best = null;
        for (JsonNode node : nodes) {
            Optional<String> rejection = filter(pod, node, gpus, usage);
            if (rejection.isPresent()) {
                rejections.merge(rejection.get(), 1, Integer::sum);
            } else if (best == null || usage.free(Meta.name(node)) < usage.free(Meta.name(best))) {
                best = node;
            }
        }
        String now = Json.time(loop.now());
        if (best != null) {
            String nodeName = Meta.name(best);
            usage.allocate(nodeName, gpus);
            store.updateIfPresent(Meta.key(ResourceTypes.PODS, pod), p -> {
                ((ObjectNode) p.get("spec")).put("nodeName", nodeName);
                Conditions.set(p.with("status"), "PodScheduled", "True", null, null, now, "lastProbeTime",
                        "lastTransitionTime");
                return p;
            });
            events.record(pod, EventRecorder.NORMAL, "Scheduled",
                    "Successfully assigned " + Meta.namespace(pod) + "/" + Meta.name(pod) + " to " + nodeName, COMPONENT, null);
            return;
        }
        String message = unschedulableMessage(nodes.size(), rejections);
        boolean alreadyReported = Conditions.find(pod.path("status"), "PodScheduled")
                .map(c -> message.equals(c.path("message").asText()))
                .orElse(false);
        if (alreadyReported) {
            return;
        }
        store.updateIfPresent(Meta.key(ResourceTypes.PODS, pod), p -> {
            Conditions.set(p.with("status"), "PodScheduled", "False", EngineContract.REASON_UNSCHEDULABLE, message, now,
                    "lastProbeTime", "lastTransitionTime");
            return p;
        });
        events.record(pod, EventRecorder.WARNING, "FailedScheduling", message, COMPONENT, null);
    }

    /** The first filter a node fails, in the order the real scheduler runs its filters. */
    private static Optional<String> filter(JsonNode pod, JsonNode node, int gpus, GpuUsage usage) {
        if (node.path("spec").path("unschedulable").asBoolean(false) && !toleratesUnschedulable(pod)) {
            return Optional.of(UNSCHEDULABLE_NODE);
        }
        if (!NodeAffinity.matches(pod, node)) {
            return Optional.of(AFFINITY_MISMATCH);
        }
        if (gpus > usage.free(Meta.name(node))) {
            return Optional.of(INSUFFICIENT_GPU);
        }
        return Optional.empty();
    }

    private static boolean toleratesUnschedulable(JsonNode pod) {
        for (JsonNode toleration : pod.path("spec").path("tolerations")) {
            String key = toleration.path("key").asText("");
            boolean matchesAll = key.isEmpty() && "Exists".equals(toleration.path("operator").asText());
            if (matchesAll || "node.kubernetes.io/unschedulable".equals(key)) {
                return true;
            }
        }
        return false;
    }

    static String unschedulableMessage(int nodeCount, Map<String, Integer> rejections) {
        if (nodeCount == 0) {
            return "no nodes available to schedule pods";
        }
        List<String> reasons = new ArrayList<>();
        rejections.forEach((reason, count) -> reasons.add(count + " " + reason));
        reasons.sort(Comparator.naturalOrder());
        return "0/" + nodeCount + " nodes are available: " + String.join(", ", reasons) + ".";
    }
}
