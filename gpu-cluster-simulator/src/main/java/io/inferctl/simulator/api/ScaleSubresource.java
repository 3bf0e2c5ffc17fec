package io.inferctl.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ResourceType;
import java.util.List;

/** The {@code scale} subresource: an {@code autoscaling/v1 Scale} view of an object's replicas, and writes to it. */
final class ScaleSubresource {

    static final String SCALE = "scale";
    private static final String STATUS = "status";

    private final ClusterStore store;

    ScaleSubresource(ClusterStore store) {
        this.store = store;
    }

    ObjectNode set(ResourcePath path, ObjectNode current, int replicas, boolean dryRun) {
        if (!path.type().hasScale()) {
            throw ApiException.notFound(path.type(), path.name() + "/scale");
        }
        if (replicas < 0) {
            throw ApiException.invalid(path.type(), path.name(), "spec.replicas",
                    "Invalid value: " + replicas + ": must be greater than or equal to 0");
        }
        if (dryRun) {
            ObjectNode copy = current.deepCopy();
            copy.with("spec").put("replicas", replicas);
            return of(path.type(), copy);
        }
        ObjectNode updated = store.update(path.key(), object -> {
            object.with("spec").put("replicas", replicas);
            return object;
        });
        return of(path.type(), updated);
    }

    static ObjectNode of(ResourceType type, ObjectNode object) {
        if (!type.hasScale()) {
            throw ApiException.notFound(type, Meta.name(object) + "/scale");
        }
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (object.path("metadata").has(field)) {
                metadata.set(field, object.path("metadata").get(field));
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(0));
        ObjectNode status = scale.putObject(STATUS);
        status.put("replicas", object.path(STATUS).path("replicas").asInt(0));
        StringBuilder selector = new StringBuilder();
        Json.stringMap(object.path("spec").path("selector").path("matchLabels")).forEach((k, v) ->
                selector.append(selector.length() == 0 ? "" : ",").append(k).append('=').append(v));
        status.put("selector", selector.toString());
        return scale;
    }
}
