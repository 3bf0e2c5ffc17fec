package io.inferctl.simulator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which GPU nodes the cluster has. Configured in code, from a compact text form
 * ({@code 2xNVIDIA_H100:8,1xNVIDIA_A100_80GB:8}: node count x accelerator type : GPUs per node), or
 * from a JSON/YAML file ({@code {"nodePools": [{"gpuType": "NVIDIA_H100", "nodes": 2, "gpusPerNode": 8}]}}).
 */
public record ClusterShape(List<NodePool> nodePools) {

    /**
     * Nodes that share an accelerator type.
     *
     * @param gpuType     value of the {@code nvidia.com/gpu.product} label, e.g. {@code NVIDIA_H100}
     * @param nodes       how many nodes
     * @param gpusPerNode allocatable {@code nvidia.com/gpu} per node
     */
    public record NodePool(String gpuType, int nodes, int gpusPerNode) {

        public NodePool {
            if (gpuType == null || gpuType.isBlank() || nodes < 0 || gpusPerNode < 0) {
                throw new IllegalArgumentException("a node pool needs a GPU type and non-negative counts");
            }
        }

        /** Node name stem: {@code NVIDIA_A100_80GB} gives {@code gpu-a100-80gb}. */
        public String namePrefix() {
            String type = gpuType.toLowerCase(Locale.ROOT).replaceFirst("^nvidia_", "").replace('_', '-');
            return "gpu-" + type;
        }
    }

    public ClusterShape {
        nodePools = List.copyOf(nodePools);
    }

    /** Two H100 nodes, one A100 80GB node and one B200 node, eight GPUs each. */
    public static ClusterShape defaults() {
        return new ClusterShape(List.of(
                new NodePool("NVIDIA_H100", 2, 8),
                new NodePool("NVIDIA_A100_80GB", 1, 8),
                new NodePool("NVIDIA_B200", 1, 8)));
    }

    public static ClusterShape of(NodePool... pools) {
        return new ClusterShape(List.of(pools));
    }

    public int nodeCount() {
        return nodePools.stream().mapToInt(NodePool::nodes).sum();
    }

    /** Parses {@code 2xNVIDIA_H100:8,1xNVIDIA_A100_80GB:8}. */
    public static ClusterShape parse(String text) {
        List<NodePool> pools = new ArrayList<>();
        for (String part : text.split(",")) {
            String pool = part.trim();
            int x = pool.indexOf('x');
            int colon = pool.lastIndexOf(':');
            if (x <= 0 || colon < x) {
                throw new IllegalArgumentException("expected <nodes>x<GPU type>:<GPUs per node>, got: " + pool);
            }
            try {
                pools.add(new NodePool(pool.substring(x + 1, colon), Integer.parseInt(pool.substring(0, x)),
                        Integer.parseInt(pool.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected <nodes>x<GPU type>:<GPUs per node>, got: " + pool, e);
            }
        }
        return new ClusterShape(pools);
    }

    public static ClusterShape read(Path file) throws IOException {
        JsonNode root = Json.YAML.readTree(Files.readString(file));
        List<NodePool> pools = new ArrayList<>();
        for (JsonNode pool : root.path("nodePools")) {
            pools.add(new NodePool(pool.path("gpuType").asText(), pool.path("nodes").asInt(1),
                    pool.path("gpusPerNode").asInt(8)));
        }
        return new ClusterShape(pools);
    }
}
