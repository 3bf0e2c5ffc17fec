package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Conditions;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a Gateway implementation writes on each HTTPRoute it serves: per parent reference, conditions
 * {@code Accepted} (always true: the simulated gateway takes every route) and {@code ResolvedRefs}
 * (false with {@code BackendNotFound} while a backend Service does not exist, {@code InvalidKind} for a
 * backend that is not a Service), with the route's {@code observedGeneration}. A client waits for these
 * before trusting that new weights are in force, as it must on a real cluster.
 */
public final class HttpRouteStatusController implements Reconciler {

    /** The {@code controllerName} the simulated gateway signs its route status with. */
    public static final String CONTROLLER_NAME = "inferctl.io/gpu-cluster-simulator";

    private final ClusterStore store;

    public HttpRouteStatusController(ClusterStore store) {
        this.store = store;
    }

    @Override
    public void reconcile(ControlLoop loop) {
        List<ObjectNode> routes = store.list(ResourceTypes.HTTP_ROUTES, null);
        if (routes.isEmpty()) {
            return;
        }
        Set<String> services = new HashSet<>();
        store.list(ResourceTypes.SERVICES, null).forEach(s -> services.add(Meta.namespace(s) + "/" + Meta.name(s)));
        String now = Json.time(loop.now());
        for (ObjectNode route : routes) {
            if (Meta.isBeingDeleted(route)) {
                continue;
            }
            // Read inside the update: the route may have a newer spec than the listed one by now.
            store.updateIfPresent(ObjectKey.of(ResourceTypes.HTTP_ROUTES, Meta.namespace(route), Meta.name(route)), r -> {
                String[] resolved = resolvedRefs(r, services);
                long generation = r.path("metadata").path("generation").asLong(1);
                ArrayNode parents = Json.array();
                for (JsonNode parentRef : r.path("spec").path("parentRefs")) {
                    ObjectNode parent = existingParent(r, parentRef);
                    parent.set("parentRef", parentRef);
                    parent.put("controllerName", CONTROLLER_NAME);
                    Conditions.set(parent, "Accepted", "True", "Accepted", "Route is accepted", now);
                    Conditions.set(parent, "ResolvedRefs", resolved[0], resolved[1], resolved[2], now);
                    parent.path("conditions").forEach(c -> ((ObjectNode) c).put("observedGeneration", generation));
                    parents.add(parent);
                }
                r.with("status").set("parents", parents);
                return r;
            });
        }
    }

    /** The status, reason and message of the route's {@code ResolvedRefs} condition. */
    private static String[] resolvedRefs(JsonNode route, Set<String> services) {
        for (JsonNode rule : route.path("spec").path("rules")) {
            for (JsonNode ref : rule.path("backendRefs")) {
                String name = ref.path("name").asText();
                if (!ref.path("kind").asText("Service").equals("Service") || !ref.path("group").asText("").isEmpty()) {
                    return new String[] {"False", "InvalidKind", "backend " + name + " is not a core Service"};
                }
                String namespace = ref.path("namespace").asText(Meta.namespace(route));
                if (!services.contains(namespace + "/" + name)) {
                    return new String[] {"False", "BackendNotFound", "service \"" + namespace + "/" + name
                            + "\" not found"};
                }
            }
        }
        return new String[] {"True", "ResolvedRefs", "Resolved all the Object references for the Route"};
    }

    private static ObjectNode existingParent(JsonNode route, JsonNode parentRef) {
        for (JsonNode parent : route.path("status").path("parents")) {
            if (parent.path("parentRef").equals(parentRef) && parent instanceof ObjectNode object) {
                return object.deepCopy();
            }
        }
        return Json.object();
    }
}
