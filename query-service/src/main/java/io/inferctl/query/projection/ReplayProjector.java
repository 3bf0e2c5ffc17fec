package io.inferctl.query.projection;

import io.inferctl.query.projection.ProjectionBatch.VersionKey;
import io.inferctl.query.projection.model.EndpointRow;
import io.inferctl.query.projection.model.VersionRow;
import io.inferctl.stream.StreamedEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays the topic from its beginning into a fresh, unindexed copy of the tables (see
 * {@link ReadModelSchema#createBareCopy}), with the same rules as the {@link Projector} but without
 * its per-batch lookups: endpoints, parked events and the versions a rollout can still name are
 * held in memory, and rows are appended with {@code COPY}. Only this replay writes to the copy, so
 * the memory is the truth and the tables need no reading back, except for a version that fell out
 * of memory (an old version named by a later event).
 *
 * <p>Redeliveries are recognised by the endpoint's sequence, as the projector recognises stale
 * events: a repeated event's sequence was already applied, parked or passed. Every event id is
 * appended to {@code processed_event} once per batch; a repeat across batches is removed in
 * {@link #finish} before the primary key is built. Then the copy is what the projector would have
 * made of the same records, and the rest of the topic can be applied to it with the projector.
 */
public class ReplayProjector {

    /** Makes a replay into a given copy of the tables; each rebuild starts a new one. */
    @FunctionalInterface
    public interface Factory {
        ReplayProjector into(ReadModelTables copy);
    }

    private final ReadModelStore store;
    private final ReadModelSchema schema;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ReadModelTables tables;
    private final Map<String, EndpointRow> endpoints = new HashMap<>();
    /** Per endpoint, the versions a rollout event can name next: the latest, the one in progress, the current one. */
    private final Map<String, Map<Integer, VersionRow>> openVersions = new HashMap<>();
    private final Map<String, TreeMap<Long, StreamedEvent>> parked = new HashMap<>();

    public ReplayProjector(ReadModelStore store, ReadModelSchema schema, JdbcTemplate jdbc,
                           TransactionTemplate transactions, Clock clock, ReadModelTables tables) {
        this.store = store;
        this.schema = schema;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.tables = tables;
    }

    /** Applies the next records of the topic, in topic order; returns how many events were applied. */
    public int apply(List<StreamedEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Integer applied = transactions.execute(status -> {
            // A crash loses the whole rebuild anyway (its tables are dropped and it starts over), so its
            // batches need not wait for the WAL flush; the switch to the new tables does.
            jdbc.execute("SET LOCAL synchronous_commit = off");
            return applyInTransaction(events);
        });
        return applied == null ? 0 : applied;
    }

    private int applyInTransaction(List<StreamedEvent> events) {
        Map<String, StreamedEvent> firstById = new LinkedHashMap<>();
        events.forEach(e -> firstById.putIfAbsent(e.eventId(), e));
        store.copyProcessedEvents(tables, firstById.values());

        Map<String, List<StreamedEvent>> byEndpoint = new LinkedHashMap<>();
        for (StreamedEvent event : firstById.values()) {
            TreeMap<Long, StreamedEvent> waiting = parked.get(event.endpointId());
            if (waiting != null && waiting.containsKey(event.sequence())) {
                continue; // parked already: the projector would not park it twice either
            }
            byEndpoint.computeIfAbsent(event.endpointId(), id -> new ArrayList<>()).add(event);
        }
        Map<String, List<StreamedEvent>> parkedHere = new LinkedHashMap<>();
        for (String endpointId : byEndpoint.keySet()) {
            TreeMap<Long, StreamedEvent> waiting = parked.get(endpointId);
            if (waiting != null) {
                parkedHere.put(endpointId, new ArrayList<>(waiting.values()));
            }
        }

        List<EndpointRow> known = byEndpoint.keySet().stream().map(endpoints::get).filter(Objects::nonNull).toList();
        ProjectionBatch batch = new ProjectionBatch(known, versions(Projector.referencedVersions(byEndpoint, parkedHere)));
        Projector.Decisions decisions = Projector.decide(byEndpoint, parkedHere, batch);

        store.copyVersions(tables, batch.createdVersions());
        store.updateRolloutStates(tables, batch.changedVersions());
        store.copyAuditEntries(tables, batch.auditEntries());

        batch.changedEndpoints().forEach(row -> endpoints.put(row.endpointId(), row));
        decisions.toUnpark().forEach(e -> {
            TreeMap<Long, StreamedEvent> waiting = parked.get(e.endpointId());
            if (waiting != null) {
                waiting.remove(e.sequence());
            }
        });
        decisions.toPark().forEach(e -> parked.computeIfAbsent(e.endpointId(), id -> new TreeMap<>())
                .putIfAbsent(e.sequence(), e));
        remember(batch.createdVersions());
        remember(batch.changedVersions());
        byEndpoint.keySet().forEach(this::forgetSettledVersions);
        return decisions.applied();
    }

    /**
     * Writes what was held in memory and makes the copy a complete read model: endpoints and parked
     * events, each event id once, every index of the live tables, and fresh planner statistics.
     *
     * @param parallelism        indexes built at a time
     * @param maintenanceWorkMem memory each index build may sort in (PostgreSQL's {@code maintenance_work_mem})
     */
    public void finish(int parallelism, String maintenanceWorkMem) {
        transactions.executeWithoutResult(status -> {
            store.copyEndpoints(tables, endpoints.values());
            store.copyParked(tables, parked.values().stream().flatMap(m -> m.values().stream()).toList(),
                    clock.instant());
        });
        schema.completeCopy(tables, parallelism, maintenanceWorkMem);
    }

    private List<VersionRow> versions(Set<VersionKey> keys) {
        List<VersionRow> rows = new ArrayList<>(keys.size());
        List<VersionKey> missing = new ArrayList<>();
        for (VersionKey key : keys) {
            VersionRow row = openVersions.getOrDefault(key.endpointId(), Map.of()).get(key.version());
            if (row != null) {
                rows.add(row);
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            rows.addAll(store.versions(tables, missing));
        }
        return rows;
    }

    private void remember(List<VersionRow> rows) {
        rows.forEach(row -> openVersions.computeIfAbsent(row.endpointId(), id -> new HashMap<>()).put(row.version(), row));
    }

    private void forgetSettledVersions(String endpointId) {
        Map<Integer, VersionRow> open = openVersions.get(endpointId);
        EndpointRow endpoint = endpoints.get(endpointId);
        if (open == null || endpoint == null) {
            return;
        }
        open.keySet().removeIf(version -> version != endpoint.latestVersion()
                && !version.equals(endpoint.currentVersion()) && !version.equals(endpoint.inProgressVersion()));
    }
}
