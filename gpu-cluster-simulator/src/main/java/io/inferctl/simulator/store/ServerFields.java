package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The fields the server owns on every stored object, whatever a client wrote: type and identity set on
 * create and kept on update, the generation counting spec changes, and when a deletion is complete.
 */
final class ServerFields {

    private static final Set<ResourceType> GENERATION_TRACKED = Set.of(
            ResourceTypes.DEPLOYMENTS, ResourceTypes.REPLICA_SETS, ResourceTypes.HORIZONTAL_POD_AUTOSCALERS,
            ResourceTypes.HTTP_ROUTES);

    private ServerFields() {
    }

    static void onCreate(ObjectKey key, ObjectNode stored, Clock clock) {
        stored.put("apiVersion", key.type().apiVersion());
        stored.put("kind", key.type().kind());
        ObjectNode metadata = Json.metadata(stored);
        metadata.put("name", key.name());
        if (key.type().namespaced()) {
            metadata.put("namespace", key.namespace());
        } else {
            metadata.remove("namespace");
        }
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", Json.time(clock.instant()));
        metadata.remove("deletionTimestamp");
        if (GENERATION_TRACKED.contains(key.type())) {
            metadata.put("generation", 1);
        } else {
            metadata.remove("generation");
        }
    }

    /** Identity fields cannot change, nor can a deletion be taken back; generation moves when the spec changed. */
    static void onUpdate(ObjectKey key, ObjectNode current, ObjectNode updated) {
        ObjectNode metadata = Json.metadata(updated);
        ObjectNode currentMetadata = (ObjectNode) current.get("metadata");
        for (String immutable : List.of("name", "namespace", "uid", "creationTimestamp")) {
            copyField(currentMetadata, metadata, immutable);
        }
        if (currentMetadata.has("deletionTimestamp") && !metadata.has("deletionTimestamp")) {
            copyField(currentMetadata, metadata, "deletionTimestamp");
        }
        updated.put("apiVersion", key.type().apiVersion());
        updated.put("kind", key.type().kind());
        if (GENERATION_TRACKED.contains(key.type())) {
            long generation = currentMetadata.path("generation").asLong(1);
            metadata.put("generation", specChanged(current, updated) ? generation + 1 : generation);
        }
        metadata.put("resourceVersion", currentMetadata.path("resourceVersion").asText());
    }

    static boolean isFinalized(ObjectKey key, ObjectNode object) {
        JsonNode metadata = object.path("metadata");
        // Namespaces carry their finalizer in spec.finalizers, emptied once their content is gone.
        boolean namespaceFinalized = !key.type().equals(ResourceTypes.NAMESPACES)
                || object.path("spec").path("finalizers").isEmpty();
        return metadata.has("deletionTimestamp")
                && metadata.path("finalizers").isEmpty()
                && namespaceFinalized
                && metadata.path("deletionGracePeriodSeconds").asLong(0) == 0;
    }

    private static boolean specChanged(ObjectNode before, ObjectNode after) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = after.deepCopy();
        for (ObjectNode node : List.of(a, b)) {
            node.remove(List.of("metadata", "status", "apiVersion", "kind"));
        }
        return !a.equals(b);
    }

    private static void copyField(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field));
        } else {
            to.remove(field);
        }
    }
}
