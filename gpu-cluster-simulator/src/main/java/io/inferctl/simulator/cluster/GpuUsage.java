package io.inferctl.simulator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.store.Deletion;
import io.inferctl.simulator.store.Meta;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Free GPUs per node, derived from the pods bound to it. A pod holds its GPUs from binding until it is
 * gone from the API (a terminating pod still holds them) or has finished; nothing else is booked, so
 * GPUs are released exactly when their pods go away.
 */
public final class GpuUsage {

    private final Map<String, Integer> allocatable = new LinkedHashMap<>();
    private final Map<String, Integer> used = new LinkedHashMap<>();

    private GpuUsage() {
    }

    public static GpuUsage of(Collection<? extends JsonNode> nodes, Collection<? extends JsonNode> pods) {
        GpuUsage usage = new GpuUsage();
        for (JsonNode node : nodes) {
            usage.allocatable.put(Meta.name(node), Gpus.allocatable(node));
            usage.used.put(Meta.name(node), 0);
        }
        for (JsonNode pod : pods) {
            String nodeName = pod.path("spec").path("nodeName").asText("");
            if (!nodeName.isEmpty() && !Deletion.isTerminal(pod) && usage.used.containsKey(nodeName)) {
                usage.used.merge(nodeName, Gpus.requestedBy(pod), Integer::sum);
            }
        }
        return usage;
    }

    public int free(String node) {
        return allocatable.getOrDefault(node, 0) - used.getOrDefault(node, 0);
    }

    /** Books GPUs on this snapshot for a pod the scheduler just bound, so the next pod in the pass sees them taken. */
    public void allocate(String node, int gpus) {
        used.merge(node, gpus, Integer::sum);
    }

    /** Free GPUs of every node, by node name. */
    public Map<String, Integer> freeByNode() {
        Map<String, Integer> free = new LinkedHashMap<>();
        allocatable.keySet().forEach(node -> free.put(node, free(node)));
        return free;
    }
}
