package io.inferctl.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.StoreEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each field manager last applied to each object (server-side apply): a field it applied before
 * and leaves out now is removed. Forgotten with the object, so a new object of the same name starts clean.
 */
final class AppliedConfigurations {

    private static final String SEPARATOR = "\u0000";

    /** By object uid, manager and subresource. */
    private final Map<String, ObjectNode> applied = new ConcurrentHashMap<>();

    AppliedConfigurations(ClusterStore store) {
        store.subscribe(this::forgetDeleted);
    }

    /** @return the configuration, or null when the manager applied nothing to the object yet */
    ObjectNode last(JsonNode object, String manager, String subresource) {
        return applied.get(key(object, manager, subresource));
    }

    void remember(JsonNode object, String manager, String subresource, ObjectNode configuration) {
        applied.put(key(object, manager, subresource), configuration);
    }

    private static String key(JsonNode object, String manager, String subresource) {
        return Meta.uid(object) + SEPARATOR + manager + SEPARATOR + (subresource == null ? "" : subresource);
    }

    private void forgetDeleted(StoreEvent event) {
        if (event.type() == StoreEvent.Type.DELETED) {
            String prefix = Meta.uid(event.object()) + SEPARATOR;
            applied.keySet().removeIf(k -> k.startsWith(prefix));
        }
    }
}
