package io.inferctl.command.endpoint.infrastructure;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Aggregates as the last command on this instance left them, so that the next command on the same
 * one skips reading its snapshot and events and deserializing them. Beyond {@code maxEntries} the
 * least recently used goes first.
 *
 * <p>Several instances may write one endpoint, so an entry can be stale: another instance appended
 * after it. Deciding on a stale state would answer spurious errors: a correct If-Match refused with
 * 412, an endpoint that looks busy, or an accepted change that collides with the other instance's
 * sequence number (409 to a client that sent no condition). So an entry is used only once the store
 * confirms that it holds the aggregate's last event: one index lookup, inside the command's
 * transaction, instead of two reads and their deserialization. A change that lands between that
 * check and this command's append collides on (aggregate, sequence), exactly as it does without a
 * cache. Axon removes the entry of every command that rolls back (a refusal, a dry run, a collision).
 *
 * <p>Axon's cache entry does not expose the version it holds; it is read from its private field,
 * checked when this class loads, so an Axon upgrade that renames it fails at start-up.
 */
final class VerifiedAggregateCache implements Cache {

    private static final VarHandle ENTRY_VERSION = entryVersion();

    private final EventStore eventStore;
    private final Map<Object, Object> entries;

    VerifiedAggregateCache(EventStore eventStore, int maxEntries) {
        this.eventStore = eventStore;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry == null) {
            return null;
        }
        if (!holdsLastEvent(String.valueOf(key), entry)) {
            synchronized (entries) {
                entries.remove(key, entry);
            }
            return null;
        }
        return (V) entry;
    }

    private boolean holdsLastEvent(String aggregateIdentifier, Object entry) {
        Long cached = (Long) ENTRY_VERSION.get((AggregateCacheEntry<?>) entry);
        return Objects.equals(cached, eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null));
    }

    @Override
    public void put(Object key, Object value) {
        synchronized (entries) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        synchronized (entries) {
            return entries.putIfAbsent(key, value) == null;
        }
    }

    @Override
    public boolean remove(Object key) {
        synchronized (entries) {
            return entries.remove(key) != null;
        }
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    /** Axon's aggregate repositories register none; a caller that needs them gets a bigger cache. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("This cache holds an aggregate repository's entries and has no listeners");
    }

    private static VarHandle entryVersion() {
        try {
            return MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                    .findVarHandle(AggregateCacheEntry.class, "version", Long.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry no longer has the field 'version' this cache "
                    + "checks entries by; adapt VerifiedAggregateCache to this Axon version", e);
        }
    }
}
