package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Deletion;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.LabelSelector;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.Pods;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keeps, for every Service with a selector, one EndpointSlice (label {@code kubernetes.io/service-name})
 * and the legacy Endpoints object listing the pods the selector matches that have an IP. As upstream,
 * a pod that is not ready is listed with {@code conditions.ready=false} and a terminating one with
 * {@code terminating=true}: a client asks "has the Service a ready backend?" by looking for an endpoint
 * whose {@code conditions.ready} is true.
 */
public final class EndpointSliceController implements Reconciler {

    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    static final String MANAGED_BY = "endpointslice-controller.k8s.io";

    private final ClusterStore store;

    public EndpointSliceController(ClusterStore store) {
        this.store = store;
    }

    @Override
    public void reconcile(ControlLoop loop) {
        List<ObjectNode> pods = store.list(ResourceTypes.PODS, null);
        for (ObjectNode service : store.list(ResourceTypes.SERVICES, null)) {
            Map<String, String> selector = Json.stringMap(service.path("spec").path("selector"));
            if (selector.isEmpty() || Meta.isBeingDeleted(service)) {
                continue;
            }
            LabelSelector matcher = LabelSelector.fromMap(selector);
            List<ObjectNode> backends = pods.stream()
                    .filter(p -> Meta.namespace(p).equals(Meta.namespace(service)))
                    .filter(matcher::matches)
                    .filter(p -> !p.path("status").path("podIP").asText("").isEmpty())
                    .filter(p -> !Deletion.isTerminal(p))
                    .sorted(Comparator.comparing(Meta::name))
                    .toList();
            syncSlice(service, backends);
            syncEndpoints(service, backends);
        }
    }

    private void syncSlice(ObjectNode service, List<ObjectNode> backends) {
        ObjectKey key = ObjectKey.of(ResourceTypes.ENDPOINT_SLICES, Meta.namespace(service), sliceName(service));
        ObjectNode slice = Json.object();
        ObjectNode metadata = slice.putObject("metadata");
        metadata.put("name", key.name());
        metadata.put("generateName", Meta.name(service) + "-");
        metadata.put("namespace", key.namespace());
        ObjectNode labels = metadata.putObject("labels");
        Meta.labels(service).forEach(labels::put);
        labels.put(SERVICE_NAME_LABEL, Meta.name(service));
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        metadata.putArray("ownerReferences").add(Meta.controllerReference(service));
        slice.put("addressType", "IPv4");
        ArrayNode endpoints = slice.putArray("endpoints");
        for (ObjectNode pod : backends) {
            ObjectNode endpoint = endpoints.addObject();
            endpoint.putArray("addresses").add(pod.path("status").path("podIP").asText());
            ObjectNode conditions = endpoint.putObject("conditions");
            boolean terminating = Meta.isBeingDeleted(pod);
            boolean ready = Pods.isReady(pod);
            conditions.put("ready", ready && !terminating);
            conditions.put("serving", ready);
            conditions.put("terminating", terminating);
            endpoint.put("nodeName", pod.path("spec").path("nodeName").asText());
            endpoint.set("targetRef", podReference(pod));
        }
        slice.set("ports", slicePorts(service, backends));
        upsert(key, slice, List.of("addressType", "endpoints", "ports"));
    }

    private void syncEndpoints(ObjectNode service, List<ObjectNode> backends) {
        ObjectKey key = ObjectKey.of(ResourceTypes.ENDPOINTS, Meta.namespace(service), Meta.name(service));
        ObjectNode endpoints = Json.object();
        ObjectNode metadata = endpoints.putObject("metadata");
        metadata.put("name", key.name());
        metadata.put("namespace", key.namespace());
        ObjectNode labels = metadata.putObject("labels");
        Meta.labels(service).forEach(labels::put);
        ArrayNode subsets = endpoints.putArray("subsets");
        if (!backends.isEmpty()) {
            ObjectNode subset = subsets.addObject();
            ArrayNode ready = Json.array();
            ArrayNode notReady = Json.array();
            for (ObjectNode pod : backends) {
                ObjectNode address = Json.object();
                address.put("ip", pod.path("status").path("podIP").asText());
                address.put("nodeName", pod.path("spec").path("nodeName").asText());
                address.set("targetRef", podReference(pod));
                (Pods.isReady(pod) && !Meta.isBeingDeleted(pod) ? ready : notReady).add(address);
            }
            if (!ready.isEmpty()) {
                subset.set("addresses", ready);
            }
            if (!notReady.isEmpty()) {
                subset.set("notReadyAddresses", notReady);
            }
            subset.set("ports", slicePorts(service, backends));
        } else {
            endpoints.remove("subsets");
        }
        upsert(key, endpoints, List.of("subsets"));
    }

    private void upsert(ObjectKey key, ObjectNode desired, List<String> contentFields) {
        if (store.get(key).isEmpty()) {
            store.create(key, desired);
            return;
        }
        store.update(key, current -> {
            Json.metadata(current).set("labels", desired.path("metadata").path("labels"));
            for (String field : contentFields) {
                if (desired.has(field)) {
                    current.set(field, desired.get(field));
                } else {
                    current.remove(field);
                }
            }
            return current;
        });
    }

    /** Service ports resolved to container ports; a named target port is looked up in the backends. */
    private static ArrayNode slicePorts(JsonNode service, List<ObjectNode> backends) {
        ArrayNode ports = Json.array();
        for (JsonNode servicePort : service.path("spec").path("ports")) {
            JsonNode target = servicePort.path("targetPort");
            Integer number = target.isNumber() ? Integer.valueOf(target.asInt()) : resolveNamedPort(target.asText(),
                    backends);
            if (number == null && target.isMissingNode()) {
                number = servicePort.path("port").asInt();
            }
            if (number == null) {
                continue;
            }
            ObjectNode port = ports.addObject();
            port.put("name", servicePort.path("name").asText(""));
            port.put("port", number);
            port.put("protocol", servicePort.path("protocol").asText("TCP"));
        }
        return ports;
    }

    private static Integer resolveNamedPort(String name, List<ObjectNode> backends) {
        if (name.matches("\\d+")) {
            return Integer.parseInt(name);
        }
        for (ObjectNode pod : backends) {
            for (JsonNode container : pod.path("spec").path("containers")) {
                for (JsonNode port : container.path("ports")) {
                    if (name.equals(port.path("name").asText())) {
                        return port.path("containerPort").asInt();
                    }
                }
            }
        }
        return null;
    }

    private static ObjectNode podReference(JsonNode pod) {
        ObjectNode ref = Json.object();
        ref.put("kind", "Pod");
        ref.put("namespace", Meta.namespace(pod));
        ref.put("name", Meta.name(pod));
        ref.put("uid", Meta.uid(pod));
        return ref;
    }

    /** A stable name per Service: the real controller's generated suffix, derived here from the Service uid. */
    static String sliceName(JsonNode service) {
        String uid = Meta.uid(service).replace("-", "");
        List<Character> suffix = new ArrayList<>();
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        for (int i = 0; i < 5 && i < uid.length(); i++) {
            suffix.add(alphabet.charAt(Character.digit(uid.charAt(i), 16) % alphabet.length()));
        }
        StringBuilder name = new StringBuilder(Meta.name(service)).append('-');
        suffix.forEach(name::append);
        return name.toString();
    }
}
