package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The simulator's etcd: every object as JSON, one global resource version, and a bounded history of
 * changes ({@link ChangeHistory}) so that a watch can resume from the resource version of an earlier
 * list. The fields the server owns on every object are {@link ServerFields}'.
 *
 * <p>Listeners are called in commit order while the store lock is held, so a watcher never sees
 * changes out of order; they must only hand work off (write to a socket, schedule a pass).
 */
public final class ClusterStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final NavigableMap<ObjectKey, ObjectNode> objects = new TreeMap<>();
    private final ChangeHistory history;
    private final List<Consumer<StoreEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private long resourceVersion;

    public ClusterStore(Clock clock, int historyLimit) {
        this.clock = clock;
        this.history = new ChangeHistory(historyLimit);
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
            ServerFields.onCreate(key, stored, clock);
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
            ServerFields.onUpdate(key, current, updated);
            if (updated.equals(current)) {
                return current.deepCopy();
            }
            if (ServerFields.isFinalized(key, updated)) {
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
                history.replay(type, parseVersion(fromVersion), listener);
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
        history.add(event);
        for (Consumer<StoreEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    /** Ends a subscription. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
