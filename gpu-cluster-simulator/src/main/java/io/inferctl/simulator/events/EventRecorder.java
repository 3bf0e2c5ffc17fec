package io.inferctl.simulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.ResourceTypes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records core/v1 {@code Event}s about objects, as kubelet, scheduler and controllers do: a repeat of
 * the same reason and message on the same object raises the event's count instead of adding one, and
 * only the newest {@code limit} events are kept, as the real API server's TTL would.
 */
public final class EventRecorder {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    private final ClusterStore store;
    private final int limit;
    private final Map<String, ObjectKey> byFingerprint = new HashMap<>();
    private final Deque<ObjectKey> order = new ArrayDeque<>();
    private final AtomicLong sequence = new AtomicLong(System.nanoTime());

    public EventRecorder(ClusterStore store, int limit) {
        this.store = store;
        this.limit = limit;
    }

    /**
     * @param involved  the object the event is about
     * @param component who reports it, e.g. {@code kubelet}, {@code default-scheduler}
     * @param host      the node it happened on, or null
     */
    public synchronized void record(JsonNode involved, String type, String reason, String message, String component,
            String host) {
        JsonNode metadata = involved.path("metadata");
        String namespace = metadata.path("namespace").asText("default");
        String uid = metadata.path("uid").asText();
        String fingerprint = String.join("\u0000", uid, type, reason, message, component);
        Instant now = store.clock().instant();
        ObjectKey existing = byFingerprint.get(fingerprint);
        if (existing != null && store.get(existing).isPresent()) {
            store.update(existing, event -> {
                event.put("count", event.path("count").asInt(1) + 1);
                event.put("lastTimestamp", Json.time(now));
                return event;
            });
            return;
        }
        String name = metadata.path("name").asText() + "." + Long.toHexString(sequence.incrementAndGet());
        ObjectNode event = Json.object();
        ObjectNode eventMetadata = event.putObject("metadata");
        eventMetadata.put("name", name);
        eventMetadata.put("namespace", namespace);
        ObjectNode ref = event.putObject("involvedObject");
        ref.put("kind", involved.path("kind").asText());
        ref.put("namespace", namespace);
        ref.put("name", metadata.path("name").asText());
        ref.put("uid", uid);
        ref.put("apiVersion", involved.path("apiVersion").asText());
        ref.put("resourceVersion", metadata.path("resourceVersion").asText());
        event.put("reason", reason);
        event.put("message", message);
        ObjectNode source = event.putObject("source");
        source.put("component", component);
        if (host != null) {
            source.put("host", host);
        }
        event.put("firstTimestamp", Json.time(now));
        event.put("lastTimestamp", Json.time(now));
        event.put("count", 1);
        event.put("type", type);
        event.put("reportingComponent", component);
        event.put("reportingInstance", host == null ? component : host);
        ObjectKey key = ObjectKey.of(ResourceTypes.EVENTS, namespace, name);
        store.create(key, event);
        byFingerprint.put(fingerprint, key);
        order.addLast(key);
        while (order.size() > limit) {
            ObjectKey evicted = order.removeFirst();
            store.remove(evicted);
            byFingerprint.values().remove(evicted);
        }
    }
}
