package io.inferctl.simulator.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.api.table.Tables.Column;
import io.inferctl.simulator.api.table.Tables.Printer;
import io.inferctl.simulator.store.Conditions;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ResourceType;
import io.inferctl.simulator.store.ResourceTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/** kubectl's column layout for each kind served, the way its server-side printers compute the cells. */
final class Printers {

    private static final String NONE = "<none>";
    private static final int MAX_LISTED_ENDPOINTS = 3;

    private Printers() {
    }

    static Printer forType(ResourceType type) {
        if (type.equals(ResourceTypes.PODS)) {
            return printer(List.of(Column.nameColumn(), Column.of("Ready", "The aggregate readiness state of this pod."),
                    Column.of("Status", "The aggregate status of the containers in this pod."),
                    Column.of("Restarts", "The number of times the containers in this pod have been restarted."),
                    Column.age(), Column.wide("IP", "IP address allocated to the pod."),
                    Column.wide("Node", "Name of the Node this pod is assigned to."),
                    Column.wide("Nominated Node", "Name of the node where the pod is nominated."),
                    Column.wide("Readiness Gates", "The readiness gates of this pod.")), Printers::pod);
        }
        if (type.equals(ResourceTypes.NODES)) {
            return printer(List.of(Column.nameColumn(), Column.of("Status", "The status of the node"),
                    Column.of("Roles", "The roles of the node"), Column.age(),
                    Column.of("Version", "Kubelet Version reported by the node."),
                    Column.wide("Internal-IP", "List of internal IPs."), Column.wide("External-IP", "List of external IPs."),
                    Column.wide("OS-Image", "OS image reported by the node."),
                    Column.wide("Kernel-Version", "Kernel version reported by the node."),
                    Column.wide("Container-Runtime", "Container runtime reported by the node.")), Printers::node);
        }
        if (type.equals(ResourceTypes.DEPLOYMENTS)) {
            return printer(List.of(Column.nameColumn(), Column.of("Ready", "Number of the pod with ready state"),
                    Column.integer("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have "
                            + "the desired template spec."),
                    Column.integer("Available", "Total number of available pods (ready for at least minReadySeconds)"),
                    Column.age(), Column.wide("Containers", "Names of each container in the template."),
                    Column.wide("Images", "Images referenced by each container in the template."),
                    Column.wide("Selector", "Label selector for pods.")), Printers::deployment);
        }
        if (type.equals(ResourceTypes.REPLICA_SETS)) {
            return printer(List.of(Column.nameColumn(), Column.integer("Desired", "Number of desired pods."),
                    Column.integer("Current", "Number of actual replicas."),
                    Column.integer("Ready", "The number of ready replicas."), Column.age(),
                    Column.wide("Containers", "Names of each container in the template."),
                    Column.wide("Images", "Images referenced by each container in the template."),
                    Column.wide("Selector", "Label selector for pods.")), Printers::replicaSet);
        }
        if (type.equals(ResourceTypes.SERVICES)) {
            return printer(List.of(Column.nameColumn(), Column.of("Type", "The type of the service."),
                    Column.of("Cluster-IP", "The cluster IP of the service."),
                    Column.of("External-IP", "The external IP of the service."),
                    Column.of("Port(s)", "The ports of the service."), Column.age(),
                    Column.wide("Selector", "The selector of the service.")), Printers::service);
        }
        if (type.equals(ResourceTypes.ENDPOINT_SLICES)) {
            return printer(List.of(Column.nameColumn(), Column.of("AddressType", "The type of addresses."),
                    Column.of("Ports", "Ports present in the EndpointSlice."),
                    Column.of("Endpoints", "Addresses present in the EndpointSlice."), Column.age()), Printers::endpointSlice);
        }
        if (type.equals(ResourceTypes.ENDPOINTS)) {
            return printer(List.of(Column.nameColumn(), Column.of("Endpoints", "Endpoints of the service."), Column.age()),
                    Printers::endpoints);
        }
        if (type.equals(ResourceTypes.HORIZONTAL_POD_AUTOSCALERS)) {
            return printer(List.of(Column.nameColumn(), Column.of("Reference", "The reference to the scaled resource."),
                    Column.of("Targets", "The current and target metric values."),
                    Column.of("MinPods", "The lower limit for the number of pods."),
                    Column.integer("MaxPods", "The upper limit for the number of pods."),
                    Column.integer("Replicas", "Current number of replicas."), Column.age()), Printers::hpa);
        }
        if (type.equals(ResourceTypes.EVENTS)) {
            return printer(List.of(Column.of("Last Seen", "Time when last event was seen."),
                    Column.of("Type", "Type of this event."), Column.of("Reason", "Reason why this event was generated."),
                    Column.of("Object", "The object this event is about."),
                    Column.of("Message", "A human-readable description of the status of this operation.")), Printers::event);
        }
        if (type.equals(ResourceTypes.NAMESPACES)) {
            return printer(List.of(Column.nameColumn(), Column.of("Status", "The status of the namespace"), Column.age()),
                    (o, now) -> List.of(Meta.name(o), o.path("status").path("phase").asText("Active"), age(o, now)));
        }
        if (type.equals(ResourceTypes.CONFIG_MAPS)) {
            return printer(List.of(Column.nameColumn(), Column.integer("Data", "Number of data entries."), Column.age()),
                    (o, now) -> List.of(Meta.name(o), o.path("data").size() + o.path("binaryData").size(), age(o, now)));
        }
        if (type.equals(ResourceTypes.SECRETS)) {
            return printer(List.of(Column.nameColumn(), Column.of("Type", "The type of the secret"),
                    Column.integer("Data", "Number of data entries."), Column.age()),
                    (o, now) -> List.of(Meta.name(o), o.path("type").asText("Opaque"), o.path("data").size(), age(o, now)));
        }
        if (type.equals(ResourceTypes.LEASES)) {
            return printer(List.of(Column.nameColumn(), Column.of("Holder", "The holder of the lease."), Column.age()),
                    (o, now) -> List.of(Meta.name(o), o.path("spec").path("holderIdentity").asText(""), age(o, now)));
        }
        return printer(List.of(Column.nameColumn(), Column.age()), (o, now) -> List.of(Meta.name(o), age(o, now)));
    }

    private static Printer printer(List<Column> columns, BiFunction<JsonNode, Instant, List<Object>> cells) {
        return new Printer() {
            @Override
            public List<Column> columns() {
                return columns;
            }

            @Override
            public List<Object> cells(JsonNode object, Instant now) {
                return cells.apply(object, now);
            }
        };
    }

    /** The STATUS column as kubectl computes it: the most telling container state wins over the phase. */
    static String podStatus(JsonNode pod) {
        JsonNode status = pod.path("status");
        String reason = status.path("phase").asText("Pending");
        if (status.hasNonNull("reason")) {
            reason = status.get("reason").asText();
        }
        boolean hasRunning = false;
        JsonNode containers = status.path("containerStatuses");
        for (int i = containers.size() - 1; i >= 0; i--) {
            JsonNode container = containers.get(i);
            JsonNode state = container.path("state");
            if (state.path("waiting").hasNonNull("reason")) {
                reason = state.path("waiting").path("reason").asText();
            } else if (state.path("terminated").hasNonNull("reason")) {
                reason = state.path("terminated").path("reason").asText();
            } else if (state.has("terminated")) {
                reason = "ExitCode:" + state.path("terminated").path("exitCode").asInt();
            } else if (container.path("ready").asBoolean(false) && state.has("running")) {
                hasRunning = true;
            }
        }
        if ("Completed".equals(reason) && hasRunning) {
            reason = Conditions.isTrue(status, "Ready") ? "Running" : "NotReady";
        }
        if (Meta.isBeingDeleted(pod)) {
            reason = "Terminating";
        }
        return reason;
    }

    private static List<Object> pod(JsonNode pod, Instant now) {
        JsonNode statuses = pod.path("status").path("containerStatuses");
        int total = pod.path("spec").path("containers").size();
        int ready = 0;
        int restarts = 0;
        Instant lastRestart = null;
        for (JsonNode container : statuses) {
            ready += container.path("ready").asBoolean(false) ? 1 : 0;
            restarts += container.path("restartCount").asInt(0);
            Instant finished = Json.parseTime(container.path("lastState").path("terminated").path("finishedAt")
                    .asText(null));
            if (finished != null && (lastRestart == null || finished.isAfter(lastRestart))) {
                lastRestart = finished;
            }
        }
        String restartCell = restarts > 0 && lastRestart != null
                ? restarts + " (" + HumanDuration.between(lastRestart, now) + " ago)"
                : Integer.toString(restarts);
        List<Object> cells = new ArrayList<>();
        cells.add(Meta.name(pod));
        cells.add(ready + "/" + total);
        cells.add(podStatus(pod));
        cells.add(restartCell);
        cells.add(age(pod, now));
        cells.add(pod.path("status").path("podIP").asText(NONE));
        cells.add(pod.path("spec").path("nodeName").asText(NONE));
        cells.add(NONE);
        cells.add(NONE);
        return cells;
    }

    private static List<Object> node(JsonNode node, Instant now) {
        String status = Conditions.isTrue(node.path("status"), "Ready") ? "Ready" : "NotReady";
        if (node.path("spec").path("unschedulable").asBoolean(false)) {
            status += ",SchedulingDisabled";
        }
        TreeSet<String> roles = new TreeSet<>();
        Meta.labels(node).keySet().stream()
                .filter(k -> k.startsWith("node-role.kubernetes.io/"))
                .forEach(k -> roles.add(k.substring("node-role.kubernetes.io/".length())));
        String internalIp = NONE;
        for (JsonNode address : node.path("status").path("addresses")) {
            if ("InternalIP".equals(address.path("type").asText())) {
                internalIp = address.path("address").asText();
            }
        }
        JsonNode info = node.path("status").path("nodeInfo");
        return List.of(Meta.name(node), status, roles.isEmpty() ? NONE : String.join(",", roles), age(node, now),
                info.path("kubeletVersion").asText(""), internalIp, NONE, info.path("osImage").asText(""),
                info.path("kernelVersion").asText(""), info.path("containerRuntimeVersion").asText(""));
    }

    private static List<Object> deployment(JsonNode deployment, Instant now) {
        JsonNode status = deployment.path("status");
        JsonNode template = deployment.path("spec").path("template");
        return List.of(Meta.name(deployment),
                status.path("readyReplicas").asInt(0) + "/" + deployment.path("spec").path("replicas").asInt(0),
                status.path("updatedReplicas").asInt(0), status.path("availableReplicas").asInt(0), age(deployment, now),
                containerNames(template), images(template), selector(deployment.path("spec").path("selector")));
    }

    private static List<Object> replicaSet(JsonNode rs, Instant now) {
        JsonNode template = rs.path("spec").path("template");
        return List.of(Meta.name(rs), rs.path("spec").path("replicas").asInt(0), rs.path("status").path("replicas").asInt(0),
                rs.path("status").path("readyReplicas").asInt(0), age(rs, now), containerNames(template), images(template),
                selector(rs.path("spec").path("selector")));
    }

    private static List<Object> service(JsonNode service, Instant now) {
        JsonNode spec = service.path("spec");
        List<String> ports = new ArrayList<>();
        for (JsonNode port : spec.path("ports")) {
            String nodePort = port.has("nodePort") ? ":" + port.path("nodePort").asInt() : "";
            ports.add(port.path("port").asInt() + nodePort + "/" + port.path("protocol").asText("TCP"));
        }
        Map<String, String> selector = Json.stringMap(spec.path("selector"));
        StringBuilder selectorText = new StringBuilder();
        selector.forEach((k, v) -> selectorText.append(selectorText.length() == 0 ? "" : ",").append(k).append('=')
                .append(v));
        return List.of(Meta.name(service), spec.path("type").asText("ClusterIP"), spec.path("clusterIP").asText(NONE),
                NONE, ports.isEmpty() ? NONE : String.join(",", ports), age(service, now),
                selectorText.length() == 0 ? NONE : selectorText.toString());
    }

    private static List<Object> endpointSlice(JsonNode slice, Instant now) {
        List<String> ports = new ArrayList<>();
        slice.path("ports").forEach(p -> ports.add(Integer.toString(p.path("port").asInt())));
        List<String> addresses = new ArrayList<>();
        slice.path("endpoints").forEach(e -> e.path("addresses").forEach(a -> addresses.add(a.asText())));
        return List.of(Meta.name(slice), slice.path("addressType").asText("IPv4"),
                ports.isEmpty() ? "<unset>" : String.join(",", ports), listed(addresses, "<unset>"), age(slice, now));
    }

    private static List<Object> endpoints(JsonNode endpoints, Instant now) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode subset : endpoints.path("subsets")) {
            for (JsonNode address : subset.path("addresses")) {
                for (JsonNode port : subset.path("ports")) {
                    addresses.add(address.path("ip").asText() + ":" + port.path("port").asInt());
                }
            }
        }
        return List.of(Meta.name(endpoints), listed(addresses, NONE), age(endpoints, now));
    }

    private static List<Object> hpa(JsonNode hpa, Instant now) {
        JsonNode spec = hpa.path("spec");
        JsonNode ref = spec.path("scaleTargetRef");
        List<String> targets = new ArrayList<>();
        for (JsonNode metric : spec.path("metrics")) {
            JsonNode target = metric.path("resource").path("target");
            String value = target.has("averageUtilization") ? target.path("averageUtilization").asInt() + "%"
                    : target.path("averageValue").asText(target.path("value").asText(""));
            targets.add(metric.path("resource").path("name").asText(metric.path("type").asText()) + ": <unknown>/" + value);
        }
        return List.of(Meta.name(hpa), ref.path("kind").asText() + "/" + ref.path("name").asText(),
                targets.isEmpty() ? "<unknown>" : String.join(", ", targets),
                Integer.toString(spec.path("minReplicas").asInt(1)), spec.path("maxReplicas").asInt(0),
                hpa.path("status").path("currentReplicas").asInt(0), age(hpa, now));
    }

    private static List<Object> event(JsonNode event, Instant now) {
        Instant last = Json.parseTime(event.path("lastTimestamp").asText(null));
        JsonNode involved = event.path("involvedObject");
        return List.of(last == null ? "<unknown>" : HumanDuration.between(last, now), event.path("type").asText(),
                event.path("reason").asText(), involved.path("kind").asText("").toLowerCase() + "/"
                        + involved.path("name").asText(), event.path("message").asText());
    }

    private static String listed(List<String> values, String empty) {
        if (values.isEmpty()) {
            return empty;
        }
        if (values.size() <= MAX_LISTED_ENDPOINTS) {
            return String.join(",", values);
        }
        return String.join(",", values.subList(0, MAX_LISTED_ENDPOINTS)) + " + " + (values.size() - MAX_LISTED_ENDPOINTS)
                + " more...";
    }

    private static String containerNames(JsonNode template) {
        List<String> names = new ArrayList<>();
        template.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        return String.join(",", names);
    }

    private static String images(JsonNode template) {
        List<String> images = new ArrayList<>();
        template.path("spec").path("containers").forEach(c -> images.add(c.path("image").asText()));
        return String.join(",", images);
    }

    private static String selector(JsonNode selector) {
        StringBuilder text = new StringBuilder();
        Json.stringMap(selector.path("matchLabels")).forEach((k, v) ->
                text.append(text.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return text.length() == 0 ? NONE : text.toString();
    }

    private static String age(JsonNode object, Instant now) {
        return HumanDuration.between(Meta.created(object), now);
    }
}
