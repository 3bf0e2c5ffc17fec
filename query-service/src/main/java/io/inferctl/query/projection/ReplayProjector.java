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
import java.util.HashSet;
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
 * held in memory, and rows are appended with {@code COPY} (a version once, in its final state, when it
 * is no longer its endpoint's latest, current or in-progress version). Only this replay writes to the copy, so
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

    private final EndpointTable endpointTable;
    private final VersionTable versionTable;
    private final AuditEntryTable auditTable;
    private final EventLedger ledger;
    private final ReadModelSchema schema;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ReadModelTables tables;
    private final Map<String, String> refused;
    private final Map<String, EndpointRow> endpoints = new HashMap<>();
    /** Per endpoint, the versions a rollout event can name next: the latest, the one in progress, the current one. */
    private final Map<String, Map<Integer, VersionRow>> openVersions = new HashMap<>();
    private final Map<String, TreeMap<Long, StreamedEvent>> parked = new HashMap<>();
    /**
     * Versions held in memory that are not in the table yet. Most versions change a few times after
     * their creation (rollout started, succeeded, superseded), often in a later batch; appending each
     * once in its final state spares the table an update, a dead row and an index entry per change.
     */
    private final Set<VersionKey> unwritten = new HashSet<>();

    public ReplayProjector(EndpointTable endpointTable, VersionTable versionTable, AuditEntryTable auditTable,
                           EventLedger ledger, ReadModelSchema schema, JdbcTemplate jdbc,
                           TransactionTemplate transactions, Clock clock, ReadModelTables tables,
                           Map<String, String> refused) {
        this.endpointTable = endpointTable;
        this.versionTable = versionTable;
        this.auditTable = auditTable;
        this.ledger = ledger;
        this.schema = schema;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.tables = tables;
        this.refused = Map.copyOf(refused);
    }

    /**
     * The events the live projection refused because the database would not take them, with the
     * reasons: refused here as well, so the copy moves past them as the live tables did.
     */
    public Map<String, String> refused() {
        return refused;
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
        ledger.copyProcessed(tables, firstById.values());

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
        Projector.Decisions decisions = Projector.decide(byEndpoint, parkedHere, batch, refused);

        // A version is appended once, when it has settled or at the end, in its final state; only a
        // version that had already been written (and was read back) is updated in place.
        versionTable.updateRolloutStates(tables, batch.changedVersions().stream()
                .filter(row -> !unwritten.contains(new VersionKey(row.endpointId(), row.version()))).toList());
        auditTable.copy(tables, batch.auditEntries());

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
        // A version read back from the table holds only the timeline entries this batch appended to
        // it, so it is read again when an event names it again.
        remember(batch.changedVersions().stream().filter(row -> !row.timelineAppended()).toList());
        batch.createdVersions().forEach(row -> unwritten.add(new VersionKey(row.endpointId(), row.version())));
        List<VersionRow> settled = new ArrayList<>();
        byEndpoint.keySet().forEach(endpointId -> settled.addAll(forgetSettledVersions(endpointId)));
        versionTable.copy(tables, settled.stream()
                .filter(row -> unwritten.remove(new VersionKey(row.endpointId(), row.version()))).toList());
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
            versionTable.copy(tables, openVersions.values().stream().flatMap(open -> open.values().stream())
                    .filter(row -> unwritten.remove(new VersionKey(row.endpointId(), row.version()))).toList());
            endpointTable.copy(tables, endpoints.values());
            ledger.copyParked(tables, parked.values().stream().flatMap(m -> m.values().stream()).toList(),
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
            rows.addAll(versionTable.rolloutStates(tables, missing));
        }
        return rows;
    }

    private void remember(List<VersionRow> rows) {
        rows.forEach(row -> openVersions.computeIfAbsent(row.endpointId(), id -> new HashMap<>()).put(row.version(), row));
    }

    /** Drops the endpoint's versions that no rollout event can name next from memory; returns them. */
    private List<VersionRow> forgetSettledVersions(String endpointId) {
        Map<Integer, VersionRow> open = openVersions.get(endpointId);
        EndpointRow endpoint = endpoints.get(endpointId);
        if (open == null || endpoint == null) {
            return List.of();
        }
        List<VersionRow> settled = new ArrayList<>();
        open.values().removeIf(row -> {
            int version = row.version();
            boolean isSettled = version != endpoint.latestVersion() && !Integer.valueOf(version).equals(endpoint.currentVersion())
                    && !Integer.valueOf(version).equals(endpoint.inProgressVersion());
            if (isSettled) {
                settled.add(row);
            }
            return isSettled;
        });
        return settled;
    }
}
