package io.inferctl.query.projection;

import io.inferctl.events.CanaryPromotionRequested;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionStatus;
import io.inferctl.query.projection.model.EndpointRow;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A canary's steps, promotion and abort as the projector records them, against real PostgreSQL. */
class CanaryProjectionTest extends QueryServiceTest {

    private static final ReadModelTables CLEAN = ReadModelTables.withPrefix("test_canary_clean_");
    private static final ReadModelTables MESSY = ReadModelTables.withPrefix("test_canary_messy_");

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

    /** v0 serves; v1 rolls out as a canary at 10%, then 50%. */
    private static EndpointHistory canaryAtFifty(String name) {
        return EndpointHistory.of(name).created().served()
                .updated(Map.of(ConfigField.MODEL_REVISION, "v2"), "new revision").started()
                .progressed(RolloutPhase.STARTING_ENGINE).canaryStep(10).canaryStep(50);
    }

    @Test
    void aCanaryStepShowsItsShareOfTrafficOnTheVersionTheEndpointAndTheTimeline() {
        EndpointHistory history = canaryAtFifty("canary-steps");

        projector.apply(history.events(), CLEAN);

        VersionRow v1 = version(history, 1);
        assertThat(v1.phase()).isEqualTo(RolloutPhase.CANARY);
        assertThat(v1.canaryPercent()).isEqualTo(50);
        assertThat(v1.timeline()).extracting(TimelineEntry::canaryPercent).containsExactly(null, null, null, 10, 50);
        EndpointRow endpoint = endpoint(history);
        assertThat(endpoint.inProgressPhase()).isEqualTo(RolloutPhase.CANARY);
        assertThat(endpoint.inProgressCanaryPercent()).isEqualTo(50);
        assertThat(auditActions(history)).as("a step is progress, not a decision").doesNotContain("PROMOTE_CANARY");
    }

    @Test
    void thePercentIsGoneOnceThePhaseIsNoLongerCanary() {
        EndpointHistory history = canaryAtFifty("canary-baking").progressed(RolloutPhase.BAKING);

        projector.apply(history.events(), CLEAN);

        assertThat(version(history, 1).phase()).isEqualTo(RolloutPhase.BAKING);
        assertThat(version(history, 1).canaryPercent()).isNull();
        assertThat(endpoint(history).inProgressCanaryPercent()).isNull();

        history.succeeded();
        projector.apply(last(history), CLEAN);

        assertThat(version(history, 1).status()).isEqualTo(VersionStatus.CURRENT);
        assertThat(version(history, 1).canaryPercent()).isNull();
        assertThat(endpoint(history).inProgressVersion()).isNull();
    }

    @Test
    void aPromotionIsAStepOfTheTimelineAndAnAuditEntryWithItsComment() {
        EndpointHistory history = canaryAtFifty("canary-promote");
        projector.apply(history.events(), CLEAN);

        history.canaryPromotionRequested("error rate flat");
        projector.apply(last(history), CLEAN);

        VersionRow v1 = version(history, 1);
        TimelineEntry promotion = v1.timeline().get(v1.timeline().size() - 1);
        assertThat(promotion.event()).isEqualTo("CanaryPromotionRequested");
        assertThat(promotion.by()).isEqualTo(EndpointHistory.ALICE);
        assertThat(promotion.message()).isEqualTo("error rate flat");
        assertThat(promotion.phase()).isEqualTo(RolloutPhase.CANARY);
        assertThat(promotion.canaryPercent()).isEqualTo(50);
        assertThat(v1.status()).as("the worker moves the version on, not the request").isEqualTo(VersionStatus.ROLLING_OUT);
        assertThat(v1.canaryPercent()).isEqualTo(50);
        assertThat(auditActions(history)).endsWith("UPDATE", "PROMOTE_CANARY");
        assertThat(jdbc.queryForObject("SELECT comment FROM " + CLEAN.auditEntry()
                + " WHERE endpoint_id = ? AND action = 'PROMOTE_CANARY'", String.class, history.endpointId()))
                .isEqualTo("error rate flat");
        assertThat(jdbc.queryForObject("SELECT version FROM " + CLEAN.auditEntry()
                + " WHERE endpoint_id = ? AND action = 'PROMOTE_CANARY'", Integer.class, history.endpointId()))
                .isEqualTo(1);
    }

    @Test
    void anAbortIsAuditedAsTheCancellationItIs() {
        EndpointHistory history = canaryAtFifty("canary-abort").cancellationRequested("too many errors").cancelled();

        projector.apply(history.events(), CLEAN);

        VersionRow v1 = version(history, 1);
        assertThat(v1.status()).isEqualTo(VersionStatus.CANCELLED);
        assertThat(v1.canaryPercent()).isNull();
        assertThat(v1.timeline()).extracting(TimelineEntry::event)
                .endsWith("RolloutCancellationRequested", "RolloutCancelled");
        assertThat(auditActions(history)).endsWith("CANCEL", "ROLLOUT_CANCELLED");
    }

    @Test
    void aPromotionNamingAVersionThatDoesNotExistIsRefusedAndNotAudited() {
        EndpointHistory history = EndpointHistory.of("canary-ghost").created();
        StreamedEvent bogus = new StreamedEvent(UUID.randomUUID().toString(), history.endpointId(), 1,
                history.events().get(0).time().plusSeconds(1), new CanaryPromotionRequested(history.endpointId(), 7,
                EndpointHistory.ALICE, "skip", history.events().get(0).time().plusSeconds(1)));

        Projector.Outcome outcome = projector.apply(List.of(history.events().get(0), bogus), CLEAN);

        assertThat(outcome.refused()).extracting(Projector.Refusal::event).containsExactly(bogus);
        assertThat(outcome.refused().get(0).reason()).contains("version 7", "does not exist");
        assertThat(auditActions(history)).containsExactly("CREATE");
    }

    @Test
    void canaryEventsDeliveredTwiceGiveTheSameReadModelAsOneCleanRun() {
        EndpointHistory promoted = canaryAtFifty("canary-twice-a").canaryPromotionRequested("go")
                .progressed(RolloutPhase.BAKING).succeeded();
        EndpointHistory aborted = canaryAtFifty("canary-twice-b").cancellationRequested(null).cancelled();
        List<StreamedEvent> clean = new ArrayList<>(promoted.events());
        clean.addAll(aborted.events());
        projector.apply(clean, CLEAN);

        List<StreamedEvent> twice = new ArrayList<>();
        for (StreamedEvent event : clean) {
            twice.add(event);
            twice.add(event);
        }
        for (int from = 0; from < twice.size(); from += 5) {
            projector.apply(twice.subList(from, Math.min(twice.size(), from + 5)), MESSY);
        }
        Projector.Outcome replay = projector.apply(clean, MESSY);

        assertThat(replay.applied()).isZero();
        assertThat(ReadModelDump.of(jdbc, MESSY)).isEqualTo(ReadModelDump.of(jdbc, CLEAN));
        assertThat(version(promoted, 1).timeline()).extracting(TimelineEntry::event)
                .containsOnlyOnce("CanaryPromotionRequested");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + MESSY.auditEntry() + " WHERE action = 'PROMOTE_CANARY'",
                Integer.class)).isEqualTo(1);
    }

    private static List<StreamedEvent> last(EndpointHistory history) {
        List<StreamedEvent> events = history.events();
        return events.subList(events.size() - 1, events.size());
    }

    private EndpointRow endpoint(EndpointHistory history) {
        return new EndpointTable(jdbc).find(CLEAN, List.of(history.endpointId())).get(0);
    }

    private VersionRow version(EndpointHistory history, int version) {
        return new VersionTable(jdbc).whole(CLEAN, history.endpointId(), version);
    }

    private List<String> auditActions(EndpointHistory history) {
        return jdbc.queryForList("SELECT action FROM " + CLEAN.auditEntry()
                + " WHERE endpoint_id = ? ORDER BY occurred_at, id", String.class, history.endpointId());
    }
}
