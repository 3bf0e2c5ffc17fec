package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Deletes objects the way the API server does: at once when nothing holds them, otherwise by marking
 * them with a deletion timestamp and leaving the rest to finalizers, the garbage collector (owner
 * references) and, for pods bound to a node, the kubelet's graceful termination.
 */
public final class Deletion {

    public static final String FOREGROUND_FINALIZER = "foregroundDeletion";
    public static final String ORPHAN_FINALIZER = "orphan";
    private static final long DEFAULT_POD_GRACE_SECONDS = 30;

    /** The {@code propagationPolicy} of DeleteOptions. */
    public enum Propagation {
        FOREGROUND, BACKGROUND, ORPHAN;

        public static Propagation parse(String text) {
            if (text == null || text.isBlank()) {
                return BACKGROUND;
            }
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("unsupported propagationPolicy: " + text);
            }
        }
    }

    private final ClusterStore store;

    public Deletion(ClusterStore store) {
        this.store = store;
    }

    /**
     * @param gracePeriodSeconds null for the object's own grace period; 0 deletes a pod at once
     * @return the object as it stands after the request: marked for deletion, or its last state
     */
    public ObjectNode delete(ObjectKey key, Propagation propagation, Long gracePeriodSeconds) {
        ObjectNode current = store.get(key).orElseThrow(() -> ApiException.notFound(key.type(), key.name()));
        String now = Json.time(store.clock().instant());
        if (key.type().equals(ResourceTypes.PODS)) {
            return deletePod(key, current, gracePeriodSeconds, now);
        }
        if (key.type().equals(ResourceTypes.NAMESPACES)) {
            return store.update(key, ns -> {
                Json.metadata(ns).put("deletionTimestamp", now);
                ns.with("status").put("phase", "Terminating");
                return ns;
            });
        }
        JsonNode metadata = current.path("metadata");
        if (metadata.has("deletionTimestamp") && propagation == Propagation.BACKGROUND) {
            return current;
        }
        if (propagation == Propagation.BACKGROUND && metadata.path("finalizers").isEmpty()) {
            return store.remove(key).orElse(current);
        }
        String finalizer = switch (propagation) {
            case FOREGROUND -> FOREGROUND_FINALIZER;
            case ORPHAN -> ORPHAN_FINALIZER;
            case BACKGROUND -> null;
        };
        return store.update(key, object -> {
            ObjectNode meta = Json.metadata(object);
            if (!meta.has("deletionTimestamp")) {
                meta.put("deletionTimestamp", now);
                meta.put("deletionGracePeriodSeconds", 0);
            }
            if (finalizer != null && !hasFinalizer(object, finalizer)) {
                meta.withArray("finalizers").add(finalizer);
            }
            return object;
        });
    }

    private ObjectNode deletePod(ObjectKey key, ObjectNode pod, Long gracePeriodSeconds, String now) {
        long grace = gracePeriodSeconds != null
                ? gracePeriodSeconds
                : pod.path("spec").path("terminationGracePeriodSeconds").asLong(DEFAULT_POD_GRACE_SECONDS);
        boolean bound = !pod.path("spec").path("nodeName").asText("").isEmpty();
        boolean terminal = isTerminal(pod);
        if ((!bound || grace <= 0 || terminal) && pod.path("metadata").path("finalizers").isEmpty()) {
            return store.remove(key).orElse(pod);
        }
        if (pod.path("metadata").has("deletionTimestamp")) {
            return pod;
        }
        return store.update(key, object -> {
            ObjectNode meta = Json.metadata(object);
            meta.put("deletionTimestamp", now);
            meta.put("deletionGracePeriodSeconds", Math.max(grace, 0));
            return object;
        });
    }

    public static boolean isTerminal(JsonNode pod) {
        String phase = pod.path("status").path("phase").asText("");
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    public static boolean hasFinalizer(JsonNode object, String finalizer) {
        for (JsonNode f : object.path("metadata").path("finalizers")) {
            if (finalizer.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Removes one finalizer; the store then removes the object if it was the last. */
    public void removeFinalizer(ObjectKey key, String finalizer) {
        store.updateIfPresent(key, object -> {
            ArrayNode kept = Json.array();
            object.path("metadata").path("finalizers").forEach(f -> {
                if (!finalizer.equals(f.asText())) {
                    kept.add(f);
                }
            });
            if (kept.isEmpty()) {
                Json.metadata(object).remove("finalizers");
            } else {
                Json.metadata(object).set("finalizers", kept);
            }
            return object;
        });
    }
}
