package io.inferctl.query.projection;

import io.inferctl.events.CanaryPromotionRequested;
import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.RolloutCancelled;
import io.inferctl.events.RolloutFailed;
import io.inferctl.events.RolloutProgressed;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.VersionStandbyEnded;
import io.inferctl.events.VersionStandbyStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.WebhookIntegrationEvent;
import io.inferctl.query.projection.ProjectionBatch.VersionKey;
import io.inferctl.query.projection.model.EndpointRow;
import io.inferctl.stream.StreamedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies events to a set of read-model tables exactly once and in each endpoint's order, on top
 * of a delivery that may repeat, reorder across endpoints, or (after a partition replay) arrive
 * with gaps:
 * <ul>
 *   <li>an event id seen before is a redelivery and is skipped;</li>
 *   <li>an event at or below the endpoint's last applied sequence is stale and is skipped;</li>
 *   <li>the next sequence is applied, followed by any parked successors;</li>
 *   <li>an event beyond the next sequence is parked until its predecessor arrives, never applied out of order.</li>
 * </ul>
 * An event that does not fit the endpoint's history (e.g. a rollout report for a version that
 * does not exist), or that the caller found the database refuses, is refused: the caller
 * dead-letters it, and the endpoint's sequence moves past it so its later events keep flowing. One
 * batch is one transaction.
 */
public class Projector {

    private static final Logger log = LoggerFactory.getLogger(Projector.class);

    /** An event that was not applied because it contradicts the history before it. */
    public record Refusal(StreamedEvent event, String reason) {
    }

    /**
     * What a batch did.
     *
     * @param sequences each touched endpoint's last applied sequence after the batch
     */
    public record Outcome(int applied, int duplicates, int parked, List<Refusal> refused, Map<String, Long> sequences) {
        static final Outcome NOTHING = new Outcome(0, 0, 0, List.of(), Map.of());
    }

    private final EndpointTable endpoints;
    private final VersionTable versions;
    private final AuditEntryTable audit;
    private final EventLedger ledger;
    private final RefusedEventLog refusedEvents;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public Projector(EndpointTable endpoints, VersionTable versions, AuditEntryTable audit, EventLedger ledger,
                     RefusedEventLog refusedEvents, TransactionTemplate transactions, Clock clock) {
        this.endpoints = endpoints;
        this.versions = versions;
        this.audit = audit;
        this.ledger = ledger;
        this.refusedEvents = refusedEvents;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Outcome apply(List<StreamedEvent> events, ReadModelTables tables) {
        return apply(events, tables, outcome -> {
        });
    }

    /**
     * @param beforeCommit runs inside the transaction once the batch is written, e.g. to dead-letter
     *                     refused events: if it throws, nothing of the batch is committed
     */
    public Outcome apply(List<StreamedEvent> events, ReadModelTables tables, Consumer<Outcome> beforeCommit) {
        return apply(events, tables, Map.of(), beforeCommit);
    }

    /**
     * @param refuse events (by id) to refuse with the given reason when their turn comes, as if they
     *               contradicted their history: events the database would not take. Those refused
     *               are recorded in the {@link RefusedEventLog} in the same transaction.
     */
    public Outcome apply(List<StreamedEvent> events, ReadModelTables tables, Map<String, String> refuse,
                         Consumer<Outcome> beforeCommit) {
        return transactions.execute(status -> {
            Outcome outcome = events.isEmpty() ? Outcome.NOTHING : applyInTransaction(events, tables, refuse);
            beforeCommit.accept(outcome);
            return outcome;
        });
    }

    /**
     * Applies the events as {@link #apply} would, then rolls everything back: whether the database
     * takes them, without keeping anything.
     *
     * @throws RuntimeException what applying them threw
     */
    public void trial(List<StreamedEvent> events, ReadModelTables tables, Map<String, String> refuse) {
        transactions.executeWithoutResult(status -> {
            if (!events.isEmpty()) {
                applyInTransaction(events, tables, refuse);
            }
            status.setRollbackOnly();
        });
    }

    private Outcome applyInTransaction(List<StreamedEvent> events, ReadModelTables tables, Map<String, String> refuse) {
        Map<String, StreamedEvent> firstById = new LinkedHashMap<>();
        events.forEach(e -> firstById.putIfAbsent(e.eventId(), e));
        Set<String> fresh = ledger.markReceived(tables, List.copyOf(firstById.values()));
        Map<String, List<StreamedEvent>> byEndpoint = new LinkedHashMap<>();
        firstById.values().stream().filter(e -> fresh.contains(e.eventId()))
                .forEach(e -> byEndpoint.computeIfAbsent(e.endpointId(), id -> new ArrayList<>()).add(e));
        int duplicates = events.size() - fresh.size();
        if (byEndpoint.isEmpty()) {
            return new Outcome(0, duplicates, 0, List.of(), Map.of());
        }

        Map<String, List<StreamedEvent>> parked = ledger.parked(tables, byEndpoint.keySet());
        ProjectionBatch batch = new ProjectionBatch(endpoints.find(tables, byEndpoint.keySet()),
                versions.rolloutStates(tables, referencedVersions(byEndpoint, parked)));
        Decisions decisions = decide(byEndpoint, parked, batch, refuse);

        endpoints.save(tables, batch.changedEndpoints());
        versions.insert(tables, batch.createdVersions());
        versions.updateRolloutStates(tables, batch.changedVersions());
        audit.insert(tables, batch.auditEntries());
        ledger.unpark(tables, decisions.toUnpark());
        ledger.park(tables, decisions.toPark(), clock.instant());
        Map<String, String> refusedHere = new LinkedHashMap<>();
        decisions.refused().stream().filter(r -> refuse.containsKey(r.event().eventId()))
                .forEach(r -> refusedHere.put(r.event().eventId(), r.reason()));
        if (!refusedHere.isEmpty()) {
            refusedEvents.record(refusedHere, clock.instant());
        }
        return new Outcome(decisions.applied(), duplicates, decisions.toPark().size(), decisions.refused(),
                decisions.sequences());
    }

    /** What applying a batch decided besides the rows it changed in the {@link ProjectionBatch}. */
    record Decisions(int applied, List<StreamedEvent> toPark, List<StreamedEvent> toUnpark, List<Refusal> refused,
                     Map<String, Long> sequences) {
    }

    /** Every version the events (and the parked events that may follow them) name: the rows a batch reads. */
    static Set<VersionKey> referencedVersions(Map<String, List<StreamedEvent>> byEndpoint,
                                              Map<String, List<StreamedEvent>> parked) {
        Set<VersionKey> referenced = new LinkedHashSet<>();
        byEndpoint.values().forEach(list -> list.forEach(e -> referenced.addAll(versionsOf(e.event()))));
        parked.values().forEach(list -> list.forEach(e -> referenced.addAll(versionsOf(e.event()))));
        return referenced;
    }

    /**
     * Applies fresh events (by endpoint, each list in delivery order) and the parked events of the
     * same endpoints to the rows in {@code batch}, in each endpoint's sequence order. Pure: reads
     * and writes nothing but the batch, so the live projection and the rebuild share it.
     */
    static Decisions decide(Map<String, List<StreamedEvent>> byEndpoint, Map<String, List<StreamedEvent>> parked,
                            ProjectionBatch batch) {
        return decide(byEndpoint, parked, batch, Map.of());
    }

    static Decisions decide(Map<String, List<StreamedEvent>> byEndpoint, Map<String, List<StreamedEvent>> parked,
                            ProjectionBatch batch, Map<String, String> refuse) {
        EndpointProjection endpoints = new EndpointProjection();
        VersionProjection versions = new VersionProjection();
        AuditProjection audit = new AuditProjection();
        List<StreamedEvent> toPark = new ArrayList<>();
        List<StreamedEvent> toUnpark = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        Map<String, Long> sequences = new LinkedHashMap<>();
        int applied = 0;
        for (Map.Entry<String, List<StreamedEvent>> group : byEndpoint.entrySet()) {
            if (group.getValue().get(0).event() instanceof WebhookIntegrationEvent) {
                // An integration's stream feeds the audit log alone, whose entries stand on their own:
                // taken on arrival (a redelivery was dropped by its id above), never sequenced or parked.
                group.getValue().forEach(event -> audit.on(event, batch));
                applied += group.getValue().size();
                continue;
            }
            String endpointId = group.getKey();
            List<StreamedEvent> waiting = parked.getOrDefault(endpointId, List.of());
            Set<String> parkedIds = new HashSet<>();
            waiting.forEach(e -> parkedIds.add(e.eventId()));
            List<StreamedEvent> candidates = new ArrayList<>(group.getValue());
            candidates.addAll(waiting);
            candidates.sort(Comparator.comparingLong(StreamedEvent::sequence));

            EndpointRow row = batch.endpoint(endpointId);
            long last = row == null ? -1 : row.lastSequence();
            for (StreamedEvent event : candidates) {
                boolean wasParked = parkedIds.contains(event.eventId());
                if (event.sequence() <= last) {
                    log.debug("Skipping stale event {} of endpoint {} at sequence {} (applied up to {})",
                            event.eventId(), endpointId, event.sequence(), last);
                    if (wasParked) {
                        toUnpark.add(event);
                    }
                } else if (event.sequence() == last + 1) {
                    String refusal = refuse.containsKey(event.eventId()) ? refuse.get(event.eventId())
                            : refusal(event, batch);
                    if (refusal == null) {
                        endpoints.on(event.event(), batch);
                        versions.on(event.event(), batch);
                        audit.on(event, batch);
                        applied++;
                    } else {
                        refused.add(new Refusal(event, refusal));
                    }
                    if (batch.endpoint(endpointId) != null) {
                        batch.changeEndpoint(endpointId).reached(event.sequence());
                        last = event.sequence();
                    }
                    if (wasParked) {
                        toUnpark.add(event);
                    }
                } else if (!wasParked) {
                    toPark.add(event);
                }
            }
            if (last >= 0) {
                sequences.put(endpointId, last);
            }
        }
        return new Decisions(applied, toPark, toUnpark, refused, sequences);
    }

    /**
     * Why the event cannot follow the history before it, or {@code null} when it can. A refused
     * first event leaves no endpoint row to move on; its successors then park until a valid
     * creation arrives, which keeps a corrupt stream from inventing an endpoint.
     */
    private static String refusal(StreamedEvent streamed, ProjectionBatch batch) {
        EndpointEvent event = streamed.event();
        String id = event.endpointId();
        EndpointRow row = batch.endpoint(id);
        if (event instanceof EndpointVersionCreated created) {
            if (batch.version(id, created.version()) != null) {
                return "version " + created.version() + " of endpoint " + id + " already exists";
            }
            if (row == null && streamed.sequence() != 0) {
                return "endpoint " + id + " has no first version";
            }
            return null;
        }
        if (row == null) {
            return streamed.type() + " for endpoint " + id + ", which has no version yet";
        }
        for (VersionKey key : versionsOf(event)) {
            if (batch.version(key.endpointId(), key.version()) == null) {
                return streamed.type() + " names version " + key.version() + " of endpoint " + id
                        + ", which does not exist";
            }
        }
        return null;
    }

    static List<VersionKey> versionsOf(EndpointEvent event) {
        String id = event.endpointId();
        if (event instanceof EndpointVersionCreated e) {
            return List.of(new VersionKey(id, e.version()));
        } else if (event instanceof RolloutStarted e) {
            return List.of(new VersionKey(id, e.version()));
        } else if (event instanceof RolloutProgressed e) {
            return List.of(new VersionKey(id, e.version()));
        } else if (event instanceof RolloutSucceeded e) {
            return e.supersededVersion() == null ? List.of(new VersionKey(id, e.version()))
                    : List.of(new VersionKey(id, e.version()), new VersionKey(id, e.supersededVersion()));
        } else if (event instanceof RolloutFailed e) {
            return List.of(new VersionKey(id, e.version()));
        } else if (event instanceof RolloutCancellationRequested e) {
            return List.of(new VersionKey(id, e.version()));
        } else if (event instanceof RolloutCancelled e) {
            return List.of(new VersionKey(id, e.version()));
        } else if (event instanceof CanaryPromotionRequested e) {
            return List.of(new VersionKey(id, e.version()));
        } else if (event instanceof VersionStandbyStarted e) {
            return List.of(new VersionKey(id, e.version()));
        } else if (event instanceof VersionStandbyEnded e) {
            return List.of(new VersionKey(id, e.version()));
        }
        return List.of();
    }
}
