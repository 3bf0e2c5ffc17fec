package io.inferctl.simulator.api.table;

import static io.inferctl.simulator.api.table.Printers.NONE;
import static io.inferctl.simulator.api.table.Printers.age;
import static io.inferctl.simulator.api.table.Printers.printer;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.api.table.Tables.Column;
import io.inferctl.simulator.api.table.Tables.Printer;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** kubectl's columns for how traffic reaches pods: HTTPRoutes, Services, EndpointSlices and Endpoints. */
final class NetworkPrinters {

    private static final int MAX_LISTED_ENDPOINTS = 3;

    private NetworkPrinters() {
    }

    static Printer services() {
        return printer(List.of(Column.nameColumn(), Column.of("Type", "The type of the service."),
                Column.of("Cluster-IP", "The cluster IP of the service."),
                Column.of("External-IP", "The external IP of the service."),
                Column.of("Port(s)", "The ports of the service."), Column.age(),
                Column.wide("Selector", "The selector of the service.")), NetworkPrinters::service);
    }

    static Printer endpointSlices() {
        return printer(List.of(Column.nameColumn(), Column.of("AddressType", "The type of addresses."),
                Column.of("Ports", "Ports present in the EndpointSlice."),
                Column.of("Endpoints", "Addresses present in the EndpointSlice."), Column.age()),
                NetworkPrinters::endpointSlice);
    }

    static Printer endpoints() {
        return printer(List.of(Column.nameColumn(), Column.of("Endpoints", "Endpoints of the service."), Column.age()),
                NetworkPrinters::endpoints);
    }

    /** The CRD's columns (name, hostnames, age) with each backend and its weight between them. */
    static Printer httpRoutes() {
        return printer(List.of(Column.nameColumn(), Column.of("Hostnames", "The hostnames the route matches."),
                Column.of("Backends", "Each rule's backends with their weights."), Column.age()),
                NetworkPrinters::httpRoute);
    }

    private static List<Object> httpRoute(JsonNode route, Instant now) {
        List<String> hostnames = new ArrayList<>();
        route.path("spec").path("hostnames").forEach(h -> hostnames.add(h.asText()));
        List<String> backends = new ArrayList<>();
        for (JsonNode rule : route.path("spec").path("rules")) {
            for (JsonNode ref : rule.path("backendRefs")) {
                String port = ref.has("port") ? ":" + ref.path("port").asInt() : "";
                backends.add(ref.path("name").asText() + port + "=" + ref.path("weight").asLong(1));
            }
        }
        return List.of(Meta.name(route), hostnames.isEmpty() ? NONE : String.join(",", hostnames),
                backends.isEmpty() ? NONE : String.join(",", backends), age(route, now));
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
}
