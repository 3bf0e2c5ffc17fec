package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/** Reading and writing the metadata every object shares. */
public final class Meta {

    private Meta() {
    }

    public static String name(JsonNode object) {
        return object.path("metadata").path("name").asText("");
    }

    public static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asText("");
    }

    public static String uid(JsonNode object) {
        return object.path("metadata").path("uid").asText("");
    }

    public static Map<String, String> labels(JsonNode object) {
        return Json.stringMap(object.path("metadata").path("labels"));
    }

    public static Instant created(JsonNode object) {
        Instant created = Json.parseTime(Json.text(object, "metadata", "creationTimestamp"));
        return created == null ? Instant.EPOCH : created;
    }

    public static boolean isBeingDeleted(JsonNode object) {
        return object.path("metadata").hasNonNull("deletionTimestamp");
    }

    public static ObjectKey key(ResourceType type, JsonNode object) {
        return ObjectKey.of(type, namespace(object), name(object));
    }

    /** The uid of the owner marked {@code controller: true}, or empty. */
    public static String controllerUid(JsonNode object) {
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return ref.path("uid").asText("");
            }
        }
        return "";
    }

    public static boolean isOwnedBy(JsonNode object, String ownerUid) {
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            if (ownerUid.equals(ref.path("uid").asText())) {
                return true;
            }
        }
        return false;
    }

    /** An owner reference naming {@code owner} as the controller, blocking its deletion in foreground. */
    public static ObjectNode controllerReference(JsonNode owner) {
        ObjectNode ref = Json.object();
        ref.put("apiVersion", owner.path("apiVersion").asText());
        ref.put("kind", owner.path("kind").asText());
        ref.put("name", name(owner));
        ref.put("uid", uid(owner));
        ref.put("controller", true);
        ref.put("blockOwnerDeletion", true);
        return ref;
    }
}
