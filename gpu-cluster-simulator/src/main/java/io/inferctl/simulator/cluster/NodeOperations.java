package io.inferctl.simulator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an operator does to nodes: add them, cordon and uncordon them, take them away. Taking a node
 * away deletes its pods (they cannot run anywhere else), so their controllers replace them elsewhere.
 */
public final class NodeOperations {

    private static final String UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";
    private static final int MAX_NODE_INDEX = 250;

    /** A node as the admin API and tests see it. */
    public record NodeSummary(String name, String gpuType, int gpus, int freeGpus, boolean cordoned) {

        public ObjectNode toJson() {
            ObjectNode json = Json.object();
            json.put("name", name);
            json.put("gpuType", gpuType);
            json.put("gpus", gpus);
            json.put("freeGpus", freeGpus);
            json.put("cordoned", cordoned);
            return json;
        }
    }

    private final ClusterStore store;
    private final SimulatedNodes.NodeResources resources;

    public NodeOperations(ClusterStore store, SimulatedNodes.NodeResources resources) {
        this.store = store;
        this.resources = resources;
    }

    /** Creates the nodes of a shape, named {@code gpu-h100-0}, {@code gpu-h100-1}, ... */
    public void create(ClusterShape shape) {
        for (ClusterShape.NodePool pool : shape.nodePools()) {
            for (int i = 0; i < pool.nodes(); i++) {
                add(pool.gpuType(), pool.gpusPerNode(), null);
            }
        }
    }

    /** Adds one node; a null name picks the next free one for its GPU type. */
    public NodeSummary add(String gpuType, int gpus, String name) {
        ClusterShape.NodePool pool = new ClusterShape.NodePool(gpuType, 1, gpus);
        List<ObjectNode> nodes = store.list(ResourceTypes.NODES, null);
        Set<String> names = new HashSet<>();
        Set<String> cidrs = new HashSet<>();
        nodes.forEach(n -> {
            names.add(Meta.name(n));
            cidrs.add(n.path("spec").path("podCIDR").asText());
        });
        String nodeName = name;
        for (int i = 0; nodeName == null; i++) {
            if (!names.contains(pool.namePrefix() + "-" + i)) {
                nodeName = pool.namePrefix() + "-" + i;
            }
        }
        int index = 0;
        while (cidrs.contains("10.244." + index + ".0/24")) {
            index++;
        }
        if (index > MAX_NODE_INDEX) {
            throw new IllegalStateException("the simulated pod network has room for " + MAX_NODE_INDEX + " nodes");
        }
        ObjectNode node = SimulatedNodes.build(nodeName, gpuType, gpus, index, resources, store.clock().instant());
        store.create(ObjectKey.of(ResourceTypes.NODES, "", nodeName), node);
        return summary(nodeName);
    }

    public NodeSummary cordon(String name) {
        return setUnschedulable(name, true);
    }

    public NodeSummary uncordon(String name) {
        return setUnschedulable(name, false);
    }

    private NodeSummary setUnschedulable(String name, boolean unschedulable) {
        String now = Json.time(store.clock().instant());
        store.update(key(name), node -> {
            ObjectNode spec = node.with("spec");
            ArrayNode taints = Json.array();
            spec.path("taints").forEach(t -> {
                if (!UNSCHEDULABLE_TAINT.equals(t.path("key").asText())) {
                    taints.add(t);
                }
            });
            if (unschedulable) {
                spec.put("unschedulable", true);
                ObjectNode taint = taints.addObject();
                taint.put("key", UNSCHEDULABLE_TAINT);
                taint.put("effect", "NoSchedule");
                taint.put("timeAdded", now);
            } else {
                spec.remove("unschedulable");
            }
            if (taints.isEmpty()) {
                spec.remove("taints");
            } else {
                spec.set("taints", taints);
            }
            return node;
        });
        return summary(name);
    }

    public void remove(String name) {
        if (store.remove(key(name)).isEmpty()) {
            throw ApiException.notFound(ResourceTypes.NODES, name);
        }
    }

    public NodeSummary summary(String name) {
        return summaries().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound(ResourceTypes.NODES, name));
    }

    public List<NodeSummary> summaries() {
        List<ObjectNode> nodes = store.list(ResourceTypes.NODES, null);
        GpuUsage usage = GpuUsage.of(nodes, store.list(ResourceTypes.PODS, null));
        List<NodeSummary> summaries = new ArrayList<>();
        for (JsonNode node : nodes) {
            summaries.add(new NodeSummary(Meta.name(node), Gpus.product(node), Gpus.allocatable(node),
                    usage.free(Meta.name(node)), node.path("spec").path("unschedulable").asBoolean(false)));
        }
        return summaries;
    }

    /** Free GPUs by node name. */
    public Map<String, Integer> freeGpus() {
        Map<String, Integer> free = new LinkedHashMap<>();
        summaries().forEach(s -> free.put(s.name(), s.freeGpus()));
        return free;
    }

    private static ObjectKey key(String name) {
        return ObjectKey.of(ResourceTypes.NODES, "", name);
    }
}
