package io.inferctl.simulator.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.Json;
import java.time.Instant;
import java.util.UUID;

/** Builds the Node objects of a cluster shape: labels, capacity and the status a ready kubelet reports. */
public final class SimulatedNodes {

    /** What each simulated node has besides GPUs; roomy enough that only GPUs ever run out. */
    public record NodeResources(String cpu, String memory, int maxPods) {

        public static NodeResources defaults() {
            return new NodeResources("192", "2048Gi", 110);
        }
    }

    public static final String KUBELET_VERSION = "v1.32.0-sim";
    private static final String POD_CIDR_PREFIX = "10.244.";
    private static final String NODE_IP_PREFIX = "10.0.0.";
    private static final int FIRST_NODE_IP = 10;
    private static final int KUBELET_PORT = 10250;

    private SimulatedNodes() {
    }

    /**
     * @param index position of the node in the cluster; decides its pod CIDR and address
     */
    public static ObjectNode build(String name, String gpuType, int gpus, int index, NodeResources resources,
            Instant now) {
        ObjectNode node = Json.object();
        ObjectNode metadata = node.putObject("metadata");
        metadata.put("name", name);
        ObjectNode labels = metadata.putObject("labels");
        labels.put("kubernetes.io/hostname", name);
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("node.kubernetes.io/instance-type", "sim-" + gpus + "x-" + gpuType.toLowerCase().replace('_', '-'));
        labels.put(Gpus.PRODUCT_LABEL, gpuType);
        labels.put(Gpus.COUNT_LABEL, Integer.toString(gpus));
        labels.put("nvidia.com/gpu.present", "true");
        metadata.putObject("annotations").put("inferctl.io/simulated", "true");
        ObjectNode spec = node.putObject("spec");
        String podCidr = POD_CIDR_PREFIX + index + ".0/24";
        spec.put("podCIDR", podCidr);
        spec.putArray("podCIDRs").add(podCidr);
        spec.put("providerID", "inferctl-sim://" + name);
        ObjectNode status = node.putObject("status");
        ObjectNode capacity = status.putObject("capacity");
        capacity.put("cpu", resources.cpu());
        capacity.put("memory", resources.memory());
        capacity.put("pods", Integer.toString(resources.maxPods()));
        capacity.put(Gpus.RESOURCE, Integer.toString(gpus));
        status.set("allocatable", capacity.deepCopy());
        String time = Json.time(now);
        addCondition(status, "MemoryPressure", "False", "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available", time);
        addCondition(status, "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", time);
        addCondition(status, "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available",
                time);
        addCondition(status, "Ready", "True", "KubeletReady", "kubelet is posting ready status", time);
        ObjectNode internal = status.putArray("addresses").addObject();
        internal.put("type", "InternalIP");
        internal.put("address", NODE_IP_PREFIX + (FIRST_NODE_IP + index));
        ObjectNode hostname = ((com.fasterxml.jackson.databind.node.ArrayNode) status.get("addresses")).addObject();
        hostname.put("type", "Hostname");
        hostname.put("address", name);
        status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", KUBELET_PORT);
        ObjectNode info = status.putObject("nodeInfo");
        String id = UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        info.put("machineID", id.replace("-", ""));
        info.put("systemUUID", id);
        info.put("bootID", id);
        info.put("kernelVersion", "6.1.0-simulated");
        info.put("osImage", "inferctl simulated GPU node");
        info.put("containerRuntimeVersion", "containerd://1.7.0-sim");
        info.put("kubeletVersion", KUBELET_VERSION);
        info.put("kubeProxyVersion", "");
        info.put("operatingSystem", "linux");
        info.put("architecture", "amd64");
        return node;
    }

    public static String internalIp(com.fasterxml.jackson.databind.JsonNode node) {
        for (com.fasterxml.jackson.databind.JsonNode address : node.path("status").path("addresses")) {
            if ("InternalIP".equals(address.path("type").asText())) {
                return address.path("address").asText();
            }
        }
        return "";
    }

    private static void addCondition(ObjectNode status, String type, String value, String reason, String message,
            String time) {
        ObjectNode condition = status.withArray("conditions").addObject();
        condition.put("type", type);
        condition.put("status", value);
        condition.put("lastHeartbeatTime", time);
        condition.put("lastTransitionTime", time);
        condition.put("reason", reason);
        condition.put("message", message);
    }
}
