package io.inferctl.simulator.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Names of the GPU resource and node labels, as the NVIDIA device plugin and GPU feature discovery set them. */
public final class Gpus {

    /** The extended resource pods request and nodes offer. */
    public static final String RESOURCE = "nvidia.com/gpu";
    /** Node label naming the accelerator type; pods select on it. */
    public static final String PRODUCT_LABEL = "nvidia.com/gpu.product";
    /** Node label with the number of GPUs on the node. */
    public static final String COUNT_LABEL = "nvidia.com/gpu.count";

    private Gpus() {
    }

    /** GPUs a pod asks for: the sum over its containers, requests falling back to limits. */
    public static int requestedBy(JsonNode pod) {
        int total = 0;
        for (JsonNode container : pod.path("spec").path("containers")) {
            JsonNode resources = container.path("resources");
            JsonNode quantity = resources.path("requests").path(RESOURCE);
            if (quantity.isMissingNode()) {
                quantity = resources.path("limits").path(RESOURCE);
            }
            if (!quantity.isMissingNode()) {
                total += new BigDecimal(quantity.asText()).intValue();
            }
        }
        return total;
    }

    /** GPUs a node offers. */
    public static int allocatable(JsonNode node) {
        JsonNode quantity = node.path("status").path("allocatable").path(RESOURCE);
        return quantity.isMissingNode() ? 0 : new BigDecimal(quantity.asText()).intValue();
    }

    public static String product(JsonNode node) {
        return node.path("metadata").path("labels").path(PRODUCT_LABEL).asText("");
    }
}
