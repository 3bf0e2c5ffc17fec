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
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * kubectl's column layout for each kind served, the way its server-side printers compute the cells:
 * the workloads' in {@link WorkloadPrinters}, the Services' and endpoints' in {@link NetworkPrinters},
 * the cluster's own kinds here.
 */
final class Printers {

    static final String NONE = "<none>";

    private Printers() {
    }

    static Printer forType(ResourceType type) {
        if (type.equals(ResourceTypes.PODS)) {
            return WorkloadPrinters.pods();
        }
        if (type.equals(ResourceTypes.NODES)) {
            return nodes();
        }
        if (type.equals(ResourceTypes.DEPLOYMENTS)) {
            return WorkloadPrinters.deployments();
        }
        if (type.equals(ResourceTypes.REPLICA_SETS)) {
            return WorkloadPrinters.replicaSets();
        }
        if (type.equals(ResourceTypes.SERVICES)) {
            return NetworkPrinters.services();
        }
        if (type.equals(ResourceTypes.HTTP_ROUTES)) {
            return NetworkPrinters.httpRoutes();
        }
        if (type.equals(ResourceTypes.ENDPOINT_SLICES)) {
            return NetworkPrinters.endpointSlices();
        }
        if (type.equals(ResourceTypes.ENDPOINTS)) {
            return NetworkPrinters.endpoints();
        }
        if (type.equals(ResourceTypes.HORIZONTAL_POD_AUTOSCALERS)) {
            return WorkloadPrinters.horizontalPodAutoscalers();
        }
        if (type.equals(ResourceTypes.EVENTS)) {
            return events();
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

    private static Printer nodes() {
        return printer(List.of(Column.nameColumn(), Column.of("Status", "The status of the node"),
                Column.of("Roles", "The roles of the node"), Column.age(),
                Column.of("Version", "Kubelet Version reported by the node."),
                Column.wide("Internal-IP", "List of internal IPs."), Column.wide("External-IP", "List of external IPs."),
                Column.wide("OS-Image", "OS image reported by the node."),
                Column.wide("Kernel-Version", "Kernel version reported by the node."),
                Column.wide("Container-Runtime", "Container runtime reported by the node.")), Printers::node);
    }

    private static Printer events() {
        return printer(List.of(Column.of("Last Seen", "Time when last event was seen."),
                Column.of("Type", "Type of this event."), Column.of("Reason", "Reason why this event was generated."),
                Column.of("Object", "The object this event is about."),
                Column.of("Message", "A human-readable description of the status of this operation.")), Printers::event);
    }

    static Printer printer(List<Column> columns, BiFunction<JsonNode, Instant, List<Object>> cells) {
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

    private static List<Object> event(JsonNode event, Instant now) {
        Instant last = Json.parseTime(event.path("lastTimestamp").asText(null));
        JsonNode involved = event.path("involvedObject");
        return List.of(last == null ? "<unknown>" : HumanDuration.between(last, now), event.path("type").asText(),
                event.path("reason").asText(), involved.path("kind").asText("").toLowerCase() + "/"
                        + involved.path("name").asText(), event.path("message").asText());
    }

    static String age(JsonNode object, Instant now) {
        return HumanDuration.between(Meta.created(object), now);
    }
}
