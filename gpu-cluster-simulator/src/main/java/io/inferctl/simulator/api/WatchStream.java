package io.inferctl.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.api.table.Tables;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.FieldSelector;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.LabelSelector;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.StoreEvent;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * One watch: turns store changes into the watch events a client of {@code path} with these selectors
 * should see (an object leaving the selection arrives as DELETED, one entering it as ADDED), encoded
 * as JSON lines, optionally as one-row Tables for kubectl.
 */
final class WatchStream {

    private final ResourcePath path;
    private final LabelSelector labels;
    private final FieldSelector fields;
    private final boolean table;
    private final String includeObject;
    private final Clock clock;
    private final Consumer<String> sink;

    WatchStream(ResourcePath path, LabelSelector labels, FieldSelector fields, boolean table, String includeObject,
            Clock clock, Consumer<String> sink) {
        this.path = path;
        this.labels = labels;
        this.fields = fields;
        this.table = table;
        this.includeObject = includeObject;
        this.clock = clock;
        this.sink = sink;
    }

    /** Subscribes; the caller closes the subscription when the client goes away. */
    ClusterStore.Subscription start(ClusterStore store, String resourceVersion) {
        return store.watch(path.type(), resourceVersion, this::onEvent);
    }

    void sendError(ApiException error) {
        ObjectNode event = Json.object();
        event.put("type", "ERROR");
        event.set("object", error.toStatus());
        sink.accept(Json.write(event));
    }

    private void onEvent(StoreEvent event) {
        boolean now = event.type() != StoreEvent.Type.DELETED && selects(event.object());
        boolean before = event.previous() != null && selects(event.previous());
        String type;
        switch (event.type()) {
            case ADDED -> type = now ? "ADDED" : null;
            case MODIFIED -> type = now ? (before ? "MODIFIED" : "ADDED") : (before ? "DELETED" : null);
            case DELETED -> type = before || selects(event.object()) ? "DELETED" : null;
            default -> type = null;
        }
        if (type == null) {
            return;
        }
        ObjectNode watchEvent = Json.object();
        watchEvent.put("type", type);
        watchEvent.set("object", render(event.object()));
        sink.accept(Json.write(watchEvent));
    }

    private JsonNode render(ObjectNode object) {
        if (!table) {
            return object;
        }
        return Tables.table(path.type(), List.of(object), Json.text(object, "metadata", "resourceVersion"),
                includeObject, clock.instant());
    }

    private boolean selects(JsonNode object) {
        return (path.namespace() == null || path.namespace().equals(Meta.namespace(object)))
                && (path.name() == null || path.name().equals(Meta.name(object)))
                && labels.matches(object)
                && fields.matches(object);
    }
}
