package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The simulator's etcd: every object as JSON, one global resource version, and a bounded history of
 * changes so that a watch can resume from the resource version of an earlier list.
 *
 * <p>Listeners are called in commit order while the store lock is held, so a watcher never sees
 * changes out of order; they must only hand work off (write to a socket, schedule a pass).
 */
public final class ClusterStore {

    private static final Set<ResourceType> GENERATION_TRACKED = Set.of(
            ResourceTypes.DEPLOYMENTS, ResourceTypes.REPLICA_SETS, ResourceTypes.HORIZONTAL_POD_AUTOSCALERS);

    private final ReentrantLock lock = new ReentrantLock();
    private final NavigableMap<ObjectKey, ObjectNode> objects = new TreeMap<>();
    private final Deque<StoreEvent> history = new ArrayDeque<>();
    private final List<Consumer<StoreEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final int historyLimit;
    private long resourceVersion;
    private long oldestReplayable;

    public ClusterStore(Clock clock, int historyLimit) {
        this.clock = clock;
        this.historyLimit = historyLimit;
    }

    public Clock clock() {
        return clock;
    }

    public long resourceVersion() {
        lock.lock();
        try {
            return resourceVersion;
        } finally {
            lock.unlock();
        }
    }

    public Optional<ObjectNode> get(ObjectKey key) {
        lock.lock();
        try {
            ObjectNode stored = objects.get(key);
            return Optional.ofNullable(stored == null ? null : stored.deepCopy());
        } finally {
            lock.unlock();
        }
    }

    /** All objects of a type, in name order; {@code namespace} null means every namespace. */
    public List<ObjectNode> list(ResourceType type, String namespace) {
        lock.lock();
        try {
            List<ObjectNode> result = new ArrayList<>();
            for (Map.Entry<ObjectKey, ObjectNode> entry : range(type).entrySet()) {
                if (namespace == null || entry.getKey().namespace().equals(namespace)) {
                    result.add(entry.getValue().deepCopy());
                }
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** A list together with the resource version it was read at, for list-then-watch clients. */
    public Snapshot snapshot(ResourceType type, String namespace) {
        lock.lock();
        try {
            return new Snapshot(list(type, namespace), resourceVersion);
        } finally {
            lock.unlock();
        }
    }

    public record Snapshot(List<ObjectNode> items, long resourceVersion) {
    }

    public ObjectNode create(ObjectKey key, ObjectNode object) {
        lock.lock();
        try {
            if (objects.containsKey(key)) {
                throw ApiException.alreadyExists(key.type(), key.name());
            }
            ObjectNode stored = object.deepCopy();
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
            commit(StoreEvent.Type.ADDED, key, stored, null);
            return stored.deepCopy();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Atomically replaces an object with what {@code change} makes of a copy of it. Identity fields
     * cannot change; generation moves when anything but metadata and status changed; an unchanged
     * result writes nothing. An object left with a deletion timestamp and no finalizers is removed.
     */
    public ObjectNode update(ObjectKey key, UnaryOperator<ObjectNode> change) {
        lock.lock();
        try {
            ObjectNode current = objects.get(key);
            if (current == null) {
                throw ApiException.notFound(key.type(), key.name());
            }
            ObjectNode updated = change.apply(current.deepCopy());
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
            if (updated.equals(current)) {
                return current.deepCopy();
            }
            if (isFinalized(key, updated)) {
                commit(StoreEvent.Type.DELETED, key, updated, current);
                return updated.deepCopy();
            }
            commit(StoreEvent.Type.MODIFIED, key, updated, current);
            return updated.deepCopy();
        } finally {
            lock.unlock();
        }
    }

    public Optional<ObjectNode> updateIfPresent(ObjectKey key, UnaryOperator<ObjectNode> change) {
        lock.lock();
        try {
            return objects.containsKey(key) ? Optional.of(update(key, change)) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Removes an object at once, whatever its finalizers say: the last step of every deletion. */
    public Optional<ObjectNode> remove(ObjectKey key) {
        lock.lock();
        try {
            ObjectNode current = objects.get(key);
            if (current == null) {
                return Optional.empty();
            }
            ObjectNode last = current.deepCopy();
            commit(StoreEvent.Type.DELETED, key, last, current);
            return Optional.of(last.deepCopy());
        } finally {
            lock.unlock();
        }
    }

    /** Listens to every future change. */
    public Subscription subscribe(Consumer<StoreEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Starts a watch the way the API server does: without a resource version (or with "0") the current
     * objects of {@code type} arrive first as ADDED; with one, every change after it is replayed. Replay
     * and subscription happen under the store lock, so no change falls between them.
     *
     * @throws ApiException 410 Gone when the history no longer reaches back to {@code fromVersion}
     */
    public Subscription watch(ResourceType type, String fromVersion, Consumer<StoreEvent> listener) {
        lock.lock();
        try {
            if (fromVersion == null || fromVersion.isEmpty() || "0".equals(fromVersion)) {
                for (Map.Entry<ObjectKey, ObjectNode> entry : range(type).entrySet()) {
                    listener.accept(new StoreEvent(StoreEvent.Type.ADDED, entry.getKey(), entry.getValue(), null,
                            resourceVersion));
                }
            } else {
                long from = parseVersion(fromVersion);
                if (from < oldestReplayable) {
                    throw ApiException.gone("too old resource version: " + from + " (" + oldestReplayable + ")");
                }
                for (StoreEvent event : history) {
                    if (event.resourceVersion() > from && event.key().type().equals(type)) {
                        listener.accept(event);
                    }
                }
            }
            return subscribe(event -> {
                if (event.key().type().equals(type)) {
                    listener.accept(event);
                }
            });
        } finally {
            lock.unlock();
        }
    }

    private static long parseVersion(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resource version: " + version);
        }
    }

    private NavigableMap<ObjectKey, ObjectNode> range(ResourceType type) {
        return objects.subMap(new ObjectKey(type, "", ""), true, new ObjectKey(type, "\uffff", "\uffff"), true);
    }

    private void commit(StoreEvent.Type type, ObjectKey key, ObjectNode object, ObjectNode previous) {
        resourceVersion++;
        Json.metadata(object).put("resourceVersion", Long.toString(resourceVersion));
        if (type == StoreEvent.Type.DELETED) {
            objects.remove(key);
        } else {
            objects.put(key, object);
        }
        StoreEvent event = new StoreEvent(type, key, object, previous, resourceVersion);
        history.addLast(event);
        while (history.size() > historyLimit) {
            oldestReplayable = history.removeFirst().resourceVersion();
        }
        for (Consumer<StoreEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    private static boolean specChanged(ObjectNode before, ObjectNode after) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = after.deepCopy();
        for (ObjectNode node : List.of(a, b)) {
            node.remove(List.of("metadata", "status", "apiVersion", "kind"));
        }
        return !a.equals(b);
    }

    private static boolean isFinalized(ObjectKey key, ObjectNode object) {
        JsonNode metadata = object.path("metadata");
        // Namespaces carry their finalizer in spec.finalizers, emptied once their content is gone.
        boolean namespaceFinalized = !key.type().equals(ResourceTypes.NAMESPACES)
                || object.path("spec").path("finalizers").isEmpty();
        return metadata.has("deletionTimestamp")
                && metadata.path("finalizers").isEmpty()
                && namespaceFinalized
                && metadata.path("deletionGracePeriodSeconds").asLong(0) == 0;
    }

    private static void copyField(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field));
        } else {
            to.remove(field);
        }
    }

    /** Ends a subscription. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
