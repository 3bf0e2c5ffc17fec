package io.inferctl.query.projection;

import io.inferctl.events.config.ConfigField;
import io.inferctl.events.rollout.FailureCategory;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.version.VersionStatus;
import io.inferctl.query.projection.model.EndpointRow;
import io.inferctl.query.projection.model.EndpointStatus;
import io.inferctl.query.projection.model.Failure;
import io.inferctl.query.projection.model.TimelineEntry;
import io.inferctl.query.projection.model.VersionRow;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import io.inferctl.query.support.ReadModelDump;
import io.inferctl.stream.StreamedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projector against real PostgreSQL, one event type at a time, then under redelivery, reordering
 * and gaps. Each test projects into table sets of its own, so the live read model is untouched.
 */
class ProjectorTest extends QueryServiceTest {

    private static final ReadModelTables CLEAN = ReadModelTables.withPrefix("test_clean_");
    private static final ReadModelTables MESSY = ReadModelTables.withPrefix("test_messy_");

    @Autowired
    private Projector projector;
    @Autowired
    private ReadModelSchema schema;

    @BeforeEach
    void freshTables() {
        schema.createEmptyCopy(CLEAN);
        schema.createEmptyCopy(MESSY);
    }

    @AfterEach
    void dropTables() {
        schema.drop(CLEAN);
        schema.drop(MESSY);
    }

    @Test
    void versionCreatedMakesAPendingVersionWithItsSnapshotChangesAndAuditEntry() {
        EndpointHistory history = EndpointHistory.of("created").created();

        projector.apply(history.events(), CLEAN);

        VersionRow v0 = version(CLEAN, history, 0);
        assertThat(v0.status()).isEqualTo(VersionStatus.PENDING);
        assertThat(v0.origin()).isEqualTo(VersionOrigin.CREATE);
        assertThat(v0.config()).isEqualTo(EndpointHistory.BASE_CONFIG);
        assertThat(v0.changes()).hasSize(ConfigField.values().length - 2); // model.revision, rollout.canarySteps stay null
        assertThat(v0.createdBy()).isEqualTo(EndpointHistory.ALICE);
        assertThat(v0.comment()).isEqualTo("first deploy");
        EndpointRow endpoint = endpoint(CLEAN, history);
        assertThat(endpoint.status()).isEqualTo(EndpointStatus.DEPLOYING);
        assertThat(endpoint.inProgressVersion()).isZero();
        assertThat(endpoint.inProgressStatus()).isEqualTo(VersionStatus.PENDING);
        assertThat(endpoint.lastSequence()).isZero();
        assertThat(auditActions(CLEAN, history)).containsExactly("CREATE");
    }

    @Test
    void rolloutStartedAndProgressedShowTheRolloutPhaseOnTheVersionAndTheEndpoint() {
        EndpointHistory history = EndpointHistory.of("phases").created().started()
                .progressed(RolloutPhase.REQUESTING_GPUS).progressed(RolloutPhase.STARTING_ENGINE);

        projector.apply(history.events(), CLEAN);

        VersionRow v0 = version(CLEAN, history, 0);
        assertThat(v0.status()).isEqualTo(VersionStatus.ROLLING_OUT);
        assertThat(v0.phase()).isEqualTo(RolloutPhase.STARTING_ENGINE);
        assertThat(v0.timeline()).extracting(TimelineEntry::event).containsExactly("EndpointVersionCreated",
                "RolloutStarted", "RolloutProgressed", "RolloutProgressed");
        assertThat(v0.timeline()).extracting(TimelineEntry::phase)
                .containsExactly(null, null, RolloutPhase.REQUESTING_GPUS, RolloutPhase.STARTING_ENGINE);
        EndpointRow endpoint = endpoint(CLEAN, history);
        assertThat(endpoint.inProgressStatus()).isEqualTo(VersionStatus.ROLLING_OUT);
        assertThat(endpoint.inProgressPhase()).isEqualTo(RolloutPhase.STARTING_ENGINE);
        assertThat(auditActions(CLEAN, history)).as("progress is no decision: not audited").containsExactly("CREATE");
    }

    @Test
    void rolloutSucceededMakesTheVersionCurrentAndSupersedesTheOneBefore() {
        EndpointHistory history = EndpointHistory.of("succeeded").created().served()
                .updated(Map.of(ConfigField.ACCELERATOR_COUNT, 2), "more GPUs").served();

        projector.apply(history.events(), CLEAN);

        assertThat(version(CLEAN, history, 0).status()).isEqualTo(VersionStatus.SUPERSEDED);
        assertThat(version(CLEAN, history, 1).status()).isEqualTo(VersionStatus.CURRENT);
        assertThat(version(CLEAN, history, 1).phase()).isNull();
        EndpointRow endpoint = endpoint(CLEAN, history);
        assertThat(endpoint.status()).isEqualTo(EndpointStatus.SERVING);
        assertThat(endpoint.currentVersion()).isEqualTo(1);
        assertThat(endpoint.inProgressVersion()).isNull();
        assertThat(auditActions(CLEAN, history))
                .containsExactly("CREATE", "ROLLOUT_SUCCEEDED", "UPDATE", "ROLLOUT_SUCCEEDED");
    }

    @Test
    void aStandbyShowsOnTheSupersededVersionUntilItEndsInItsTimelineAndNotInTheAuditLog() {
        EndpointHistory history = EndpointHistory.of("standby").created().served()
                .updated(Map.of(ConfigField.ACCELERATOR_COUNT, 2), "more GPUs").served().standbyStarted(0);
        EndpointHistory ended = EndpointHistory.of("standby-ended").created().served()
                .updated(Map.of(ConfigField.ACCELERATOR_COUNT, 2), "more GPUs").served().standbyStarted(0)
                .standbyEnded(0, io.inferctl.events.standby.StandbyEndReason.EXPIRED);

        projector.apply(history.events(), CLEAN);
        projector.apply(ended.events(), CLEAN);
        projector.apply(ended.events(), CLEAN);

        VersionRow warm = version(CLEAN, history, 0);
        assertThat(warm.status()).isEqualTo(VersionStatus.SUPERSEDED);
        assertThat(warm.standby()).isNotNull();
        assertThat(warm.standby().replicas()).isEqualTo(1);
        assertThat(warm.standby().warmUntil()).isAfter(warm.createdAt());
        assertThat(warm.timeline()).last().extracting(TimelineEntry::event).isEqualTo("VersionStandbyStarted");
        VersionRow cold = version(CLEAN, ended, 0);
        assertThat(cold.standby()).isNull();
        assertThat(cold.timeline()).extracting(TimelineEntry::event)
                .endsWith("VersionStandbyStarted", "VersionStandbyEnded");
        assertThat(auditActions(CLEAN, history)).containsExactly("CREATE", "ROLLOUT_SUCCEEDED", "UPDATE", "ROLLOUT_SUCCEEDED");
    }

    @Test
    void rolloutFailedRecordsTheFailureAndTheCurrentVersionGoesOnServing() {
        EndpointHistory history = EndpointHistory.of("failed").created().served()
                .updated(Map.of(ConfigField.ACCELERATOR_COUNT, 8), "eight GPUs").started()
                .failed(FailureCode.INSUFFICIENT_GPU, "0/4 nodes are available", "preflight");

        projector.apply(history.events(), CLEAN);

        VersionRow v1 = version(CLEAN, history, 1);
        assertThat(v1.status()).isEqualTo(VersionStatus.FAILED);
        assertThat(v1.failure()).isEqualTo(new Failure(FailureCategory.RESOURCES, FailureCode.INSUFFICIENT_GPU,
                "0/4 nodes are available", "preflight"));
        assertThat(version(CLEAN, history, 0).status()).isEqualTo(VersionStatus.CURRENT);
        EndpointRow endpoint = endpoint(CLEAN, history);
        assertThat(endpoint.status()).isEqualTo(EndpointStatus.SERVING);
        assertThat(endpoint.currentVersion()).isZero();
        assertThat(jdbc.queryForObject("SELECT detail FROM " + CLEAN.auditEntry() + " WHERE action = 'ROLLOUT_FAILED'",
                String.class)).isEqualTo("RESOURCES/INSUFFICIENT_GPU at preflight: 0/4 nodes are available");
    }

    @Test
    void aFailedFirstDeploymentLeavesTheEndpointNotServing() {
        EndpointHistory history = EndpointHistory.of("first-fails").created().started()
                .failed(FailureCode.MODEL_NOT_FOUND, "no such model", "download");

        projector.apply(history.events(), CLEAN);

        assertThat(endpoint(CLEAN, history).status()).isEqualTo(EndpointStatus.NOT_SERVING);
        assertThat(endpoint(CLEAN, history).currentVersion()).isNull();
    }

    @Test
    void cancellationIsRequestedThenReportedAndBothAreAudited() {
        EndpointHistory history = EndpointHistory.of("cancelled").created().served()
                .updated(Map.of(ConfigField.MODEL_REVISION, "abc123"), "pin").started()
                .cancellationRequested("wrong revision");

        projector.apply(history.events(), CLEAN);
        assertThat(version(CLEAN, history, 1).cancellationRequested()).isTrue();
        assertThat(version(CLEAN, history, 1).status()).isEqualTo(VersionStatus.ROLLING_OUT);
        assertThat(endpoint(CLEAN, history).cancellationRequested()).isTrue();

        history.cancelled();
        projector.apply(history.events().subList((int) history.lastSequence(), (int) history.lastSequence() + 1), CLEAN);

        assertThat(version(CLEAN, history, 1).status()).isEqualTo(VersionStatus.CANCELLED);
        EndpointRow endpoint = endpoint(CLEAN, history);
        assertThat(endpoint.currentVersion()).isZero();
        assertThat(endpoint.inProgressVersion()).isNull();
        assertThat(endpoint.cancellationRequested()).isFalse();
        assertThat(auditActions(CLEAN, history)).containsExactly("CREATE", "ROLLOUT_SUCCEEDED", "UPDATE", "CANCEL",
                "ROLLOUT_CANCELLED");
    }

    @Test
    void rollbackCreatesAVersionThatNamesItsSource() {
        EndpointHistory history = EndpointHistory.of("rollback").created().served()
                .updated(Map.of(ConfigField.ENGINE_MAX_BATCH_SIZE, 128), "bigger batches").served()
                .rolledBack(0, "batches too big");

        projector.apply(history.events(), CLEAN);

        VersionRow v2 = version(CLEAN, history, 2);
        assertThat(v2.origin()).isEqualTo(VersionOrigin.ROLLBACK);
        assertThat(v2.rollbackOf()).isZero();
        assertThat(v2.config()).isEqualTo(EndpointHistory.BASE_CONFIG);
        assertThat(v2.changes()).extracting(c -> c.field() + ":" + c.from() + "->" + c.to())
                .containsExactly("engine.maxBatchSize:128->64");
        assertThat(auditActions(CLEAN, history)).endsWith("ROLLBACK");
    }

    @Test
    void endpointDeletedMarksTheEndpointDeletedAndKeepsItsHistory() {
        EndpointHistory history = EndpointHistory.of("deleted").created().served().deleted("decommissioned");

        projector.apply(history.events(), CLEAN);

        EndpointRow endpoint = endpoint(CLEAN, history);
        assertThat(endpoint.status()).isEqualTo(EndpointStatus.DELETED);
        assertThat(endpoint.deletedBy()).isEqualTo("admin@example.com");
        assertThat(version(CLEAN, history, 0).status()).isEqualTo(VersionStatus.CURRENT);
        assertThat(auditActions(CLEAN, history)).endsWith("DELETE");
    }

    @Test
    void everyEventDeliveredTwiceGivesTheSameReadModelAsOneCleanRun() {
        List<EndpointHistory> histories = richHistories(3);
        List<StreamedEvent> clean = interleave(histories);
        projector.apply(clean, CLEAN);

        // Each event twice: once straight after itself, and again in a later batch.
        List<StreamedEvent> twice = new ArrayList<>();
        for (StreamedEvent event : clean) {
            twice.add(event);
            twice.add(event);
        }
        for (List<StreamedEvent> batch : batches(twice, 7)) {
            projector.apply(batch, MESSY);
        }
        Projector.Outcome replay = projector.apply(clean, MESSY);

        assertThat(replay.applied()).isZero();
        assertThat(replay.duplicates()).isEqualTo(clean.size());
        assertThat(ReadModelDump.of(jdbc, MESSY)).isEqualTo(ReadModelDump.of(jdbc, CLEAN));
    }

    @Test
    void aShuffledPartitionReplayGivesTheSameReadModelAsACleanRun() {
        List<EndpointHistory> histories = richHistories(5);
        List<StreamedEvent> clean = interleave(histories);
        projector.apply(clean, CLEAN);

        List<StreamedEvent> shuffled = new ArrayList<>(clean);
        shuffled.addAll(clean.subList(0, clean.size() / 2)); // and a partial redelivery on top
        Collections.shuffle(shuffled, new Random(42));
        for (List<StreamedEvent> batch : batches(shuffled, 5)) {
            projector.apply(batch, MESSY);
        }

        assertThat(ReadModelDump.of(jdbc, MESSY)).isEqualTo(ReadModelDump.of(jdbc, CLEAN));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + MESSY.parkedEvent(), Integer.class)).isZero();
    }

    @Test
    void anEventAfterAGapIsParkedUntilItsPredecessorArrives() {
        EndpointHistory history = EndpointHistory.of("gap").created().started().succeeded();
        List<StreamedEvent> events = history.events();

        Projector.Outcome first = projector.apply(List.of(events.get(0), events.get(2)), CLEAN);

        assertThat(first.applied()).isEqualTo(1);
        assertThat(first.parked()).isEqualTo(1);
        assertThat(version(CLEAN, history, 0).status()).as("success not applied before start")
                .isEqualTo(VersionStatus.PENDING);
        assertThat(endpoint(CLEAN, history).lastSequence()).isZero();

        Projector.Outcome second = projector.apply(List.of(events.get(1)), CLEAN);

        assertThat(second.applied()).isEqualTo(2);
        assertThat(version(CLEAN, history, 0).status()).isEqualTo(VersionStatus.CURRENT);
        assertThat(endpoint(CLEAN, history).lastSequence()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + CLEAN.parkedEvent(), Integer.class)).isZero();
    }

    @Test
    void anEventThatContradictsItsHistoryIsRefusedAndTheEndpointsLaterEventsStillApply() {
        EndpointHistory history = EndpointHistory.of("contradiction").created();
        StreamedEvent bogus = new StreamedEvent(UUID.randomUUID().toString(), history.endpointId(), 1,
                history.events().get(0).time().plusSeconds(1),
                new RolloutStarted(history.endpointId(), 7, EndpointHistory.WORKER, history.events().get(0).time()));
        StreamedEvent started = new StreamedEvent(UUID.randomUUID().toString(), history.endpointId(), 2,
                bogus.time().plusSeconds(1),
                new RolloutStarted(history.endpointId(), 0, EndpointHistory.WORKER, bogus.time().plusSeconds(1)));

        Projector.Outcome outcome = projector.apply(List.of(history.events().get(0), bogus, started), CLEAN);

        assertThat(outcome.refused()).extracting(Projector.Refusal::event).containsExactly(bogus);
        assertThat(outcome.refused().get(0).reason()).contains("version 7", "does not exist");
        assertThat(version(CLEAN, history, 0).status()).isEqualTo(VersionStatus.ROLLING_OUT);
        assertThat(endpoint(CLEAN, history).lastSequence()).isEqualTo(2);
    }

    @Test
    void twentyThousandEventsProjectInBatchesIntoExactlyTheRowsTheyDescribe() {
        List<EndpointHistory> histories = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            EndpointHistory history = EndpointHistory.of("bulk-" + i).created().served();
            for (int v = 1; v < 50; v++) {
                history.updated(Map.of(ConfigField.AUTOSCALING_COOLDOWN_SECONDS, 300 + v), "tick").started().succeeded();
            }
            histories.add(history);
        }
        List<StreamedEvent> events = interleave(histories);

        long start = System.nanoTime();
        for (List<StreamedEvent> batch : batches(events, 500)) {
            projector.apply(batch, CLEAN);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("projector: %d events in batches of 500 in %.2f s (%.0f events/s)%n", events.size(), seconds,
                events.size() / seconds);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + CLEAN.version(), Integer.class)).isEqualTo(200 * 50);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + CLEAN.version() + " WHERE status = 'CURRENT'",
                Integer.class)).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + CLEAN.auditEntry(), Integer.class))
                .isEqualTo(200 * (1 + 49) * 2);
        assertThat(jdbc.queryForObject("SELECT min(last_sequence) FROM " + CLEAN.endpoint(), Long.class))
                .isEqualTo(histories.get(0).lastSequence());
    }

    /** Histories that between them hold every event type, several versions each. */
    private static List<EndpointHistory> richHistories(int count) {
        List<EndpointHistory> histories = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            histories.add(EndpointHistory.of("rich-" + i).created().started().progressed(RolloutPhase.REQUESTING_GPUS)
                    .succeeded()
                    .updated(Map.of(ConfigField.ACCELERATOR_COUNT, 2 + i), "more GPUs").started()
                    .failed(FailureCode.INSUFFICIENT_GPU, "no GPUs", "preflight")
                    .updated(Map.of(ConfigField.AUTOSCALING_MAX_REPLICAS, 4 + i), "more replicas").started()
                    .progressed(RolloutPhase.DOWNLOADING_MODEL).succeeded()
                    .updated(Map.of(ConfigField.MODEL_REVISION, "rev-" + i), "pin").cancellationRequested("oops")
                    .cancelled()
                    .rolledBack(0, "back to the start").served());
        }
        histories.get(count - 1).deleted("done");
        return histories;
    }

    /** The histories' events mixed across endpoints, each endpoint's in its own order: what a partition holds. */
    private static List<StreamedEvent> interleave(List<EndpointHistory> histories) {
        List<StreamedEvent> mixed = new ArrayList<>();
        int longest = histories.stream().mapToInt(h -> h.events().size()).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (EndpointHistory history : histories) {
                if (i < history.events().size()) {
                    mixed.add(history.events().get(i));
                }
            }
        }
        return mixed;
    }

    private static List<List<StreamedEvent>> batches(List<StreamedEvent> events, int size) {
        List<List<StreamedEvent>> batches = new ArrayList<>();
        for (int i = 0; i < events.size(); i += size) {
            batches.add(events.subList(i, Math.min(events.size(), i + size)));
        }
        return batches;
    }

    private EndpointRow endpoint(ReadModelTables tables, EndpointHistory history) {
        return new EndpointTable(jdbc).find(tables, List.of(history.endpointId())).get(0);
    }

    private VersionRow version(ReadModelTables tables, EndpointHistory history, int version) {
        return new VersionTable(jdbc).whole(tables, history.endpointId(), version);
    }

    private List<String> auditActions(ReadModelTables tables, EndpointHistory history) {
        return jdbc.queryForList("SELECT action FROM " + tables.auditEntry()
                + " WHERE endpoint_id = ? ORDER BY occurred_at, id", String.class, history.endpointId());
    }
}
