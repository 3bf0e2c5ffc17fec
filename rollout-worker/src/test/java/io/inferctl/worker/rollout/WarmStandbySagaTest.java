package io.inferctl.worker.rollout;

import io.inferctl.events.config.ConfigField;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.standby.StandbyEndReason;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.inferctl.worker.rollout.SagaExamples.CONFIG;
import static io.inferctl.worker.rollout.SagaExamples.ID;
import static io.inferctl.worker.rollout.SagaExamples.V0;
import static io.inferctl.worker.rollout.SagaExamples.V1;
import static io.inferctl.worker.rollout.SagaExamples.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Warm standby, instant rollback and retention, given-when-then. The mock cluster keeps the
 * endpoint's Deployments and Service ({@link WarmClusterFake}) so each path sees what the one before did.
 */
class WarmStandbySagaTest {

    private static final VersionRef V2 = V0.withVersion(2);
    private static final VersionRef V3 = V0.withVersion(3);
    private static final EndpointConfig QWEN = CONFIG.with(Map.of(ConfigField.MODEL_NAME, "Qwen2.5-7B-Instruct",
            ConfigField.MODEL_SOURCE, "hf://Qwen/Qwen2.5-7B-Instruct"));
    private static final EndpointConfig GEMMA = CONFIG.with(Map.of(ConfigField.MODEL_NAME, "gemma-2-9b-it",
            ConfigField.MODEL_SOURCE, "hf://google/gemma-2-9b-it"));
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration WINDOW = Duration.ofSeconds(1800);

    private SagaTestFixture<RolloutSaga> fixture;
    private Cluster cluster;
    private CommandReports reports;
    private WarmClusterFake kube;

    @BeforeEach
    void setUp() {
        cluster = mock(Cluster.class);
        reports = mock(CommandReports.class, invocation -> CommandReports.Answer.ACCEPTED);
        fixture = SagaExamples.fixture(cluster, reports);
        kube = new WarmClusterFake(cluster);
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());
    }

    @Test
    void afterTheDrainDelayTheSupersededVersionIsScaledToItsStandbyAndReportedWarmUntilItsWindowEnds() throws Exception {
        kube.serving(0, QWEN, 2);

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(DRAIN)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(WINDOW, RolloutDeadlines.STANDBY_ENDS);

        Instant until = kube.get(0).warmUntil();
        assertThat(until).isNotNull();
        verify(cluster).keepWarm(V0, 0, 1, until);
        verify(reports).standbyStarted(V0, 1, until);
        verify(cluster, never()).removeVersion(any());
        assertThat(kube.deployed()).containsExactly(0, 1);
        assertThat(kube.served()).isEqualTo(1);
    }

    @Test
    void aDrainRunAgainAfterACrashKeepsTheWindowItLeftOnTheCluster() throws Exception {
        kube.serving(0, QWEN, 2);
        // The first run kept v0 warm (and reported it), then the worker stopped before the saga was stored.
        Instant earlier = Instant.parse("2026-11-25T10:30:00Z");
        cluster.keepWarm(V0, 0, 1, earlier);

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(DRAIN)
                .expectActiveSagas(1);

        verify(reports).standbyStarted(V0, 1, earlier);
        verify(reports, never()).standbyStarted(eq(V0), anyInt(), org.mockito.ArgumentMatchers.argThat(t -> !t.equals(earlier)));
    }

    @Test
    void whenTheWindowEndsTheStandbyIsRemovedReportedAndTheRolloutEnds() throws Exception {
        kube.serving(0, QWEN, 2);

        fixture.givenAggregate(ID).published(created(1, 0))
                .andThenTimeElapses(DRAIN)
                .whenTimeElapses(WINDOW)
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();

        verify(cluster).removeVersion(V0);
        verify(reports).standbyEnded(eq(V0), eq(StandbyEndReason.EXPIRED), anyString());
        assertThat(kube.deployed()).containsExactly(1);
    }

    @Test
    void aStandbyTakenOverByALaterVersionIsLeftAloneWhenItsWindowEnds() throws Exception {
        kube.serving(0, QWEN, 2);
        var given = fixture.givenAggregate(ID).published(created(1, 0)).andThenTimeElapses(DRAIN);
        // A rollback (another saga) claimed v0's Deployment and switched traffic back to it.
        cluster.claim(V0, 2);
        cluster.routeTraffic(V0);

        given.whenTimeElapses(WINDOW).expectActiveSagas(0);

        verify(cluster, never()).removeVersion(V0);
        assertThat(kube.deployed()).contains(0);
    }

    @Test
    void aSupersededDeploymentAlreadyGoneWhenTheDrainIsDueEndsTheRollout() throws Exception {
        kube.serving(0, QWEN, 2);
        var given = fixture.givenAggregate(ID).published(created(1, 0)).andThenTimeElapses(Duration.ZERO);
        // Something else removed v0 before the drain (a release for capacity, a drain run that was not stored).
        cluster.removeVersion(V0);

        given.whenTimeElapses(DRAIN).expectActiveSagas(0).expectNoScheduledDeadlines();

        verify(cluster, never()).keepWarm(any(), anyInt(), anyInt(), any());
        verify(reports, never()).standbyStarted(any(), anyInt(), any());
        assertThat(kube.deployed()).containsExactly(1);
    }

    @Test
    void aRollbackToAWarmVersionTakesItsDeploymentOverWithoutStartingAnEngine() throws Exception {
        kube.warm(0, 0, CONFIG, Instant.parse("2026-11-25T11:00:00Z")).serving(1, QWEN, 2);

        fixture.givenAggregate(ID).published(created(2, 1))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(DRAIN, RolloutDeadlines.DRAIN_SUPERSEDED);

        InOrder order = inOrder(cluster, reports);
        order.verify(cluster).capacity(V0, CONFIG, 2);
        order.verify(reports).progress(eq(V2), eq(RolloutPhase.REQUESTING_GPUS), contains("warm Deployment of version 0"));
        order.verify(cluster).claim(V0, 2);
        order.verify(cluster).applyVersion(V0, CONFIG, 2);
        order.verify(cluster).routeTraffic(V0);
        order.verify(reports).succeeded(V2);
        order.verify(reports).standbyEnded(eq(V0), eq(StandbyEndReason.REUSED), contains("version 2"));
        verify(cluster, never()).applyVersion(eq(V2), any(), anyInt());
        assertThat(kube.deployed()).containsExactly(0, 1);
    }

    @Test
    void aStartRunAgainAfterACrashFindsTheDeploymentItHadClaimed() throws Exception {
        Instant until = Instant.parse("2026-11-25T11:00:00Z");
        kube.warm(0, 0, CONFIG, until).serving(1, QWEN, 2);
        // The first run of v2's start claimed v0's Deployment; the worker stopped before the saga was stored.
        cluster.claim(V0, 2);

        fixture.givenAggregate(ID).published(created(2, 1))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(1);

        verify(cluster, never()).applyVersion(eq(V2), any(), anyInt());
        verify(cluster).routeTraffic(V0);
        verify(reports).standbyEnded(eq(V0), eq(StandbyEndReason.REUSED), anyString());
    }

    @Test
    void afterAWarmRollbackTheVersionItReplacedIsKeptWarmInItsTurn() throws Exception {
        kube.warm(0, 0, CONFIG, Instant.parse("2026-11-25T11:00:00Z")).serving(1, QWEN, 2);

        fixture.givenAggregate(ID).published(created(2, 1))
                .whenTimeElapses(DRAIN)
                .expectActiveSagas(1);

        verify(cluster).keepWarm(eq(V1), eq(1), eq(1), any());
        verify(reports).standbyStarted(eq(V1), eq(1), any());
        assertThat(kube.get(0).warm()).as("v0 serves again as v2").isFalse();
    }

    @Test
    void aChangeOfTheRolloutPolicyAloneRunsOnTheServingDeploymentAndSupersedesNothing() throws Exception {
        kube.serving(0, CONFIG, 2);
        EndpointConfig noStandby = SagaExamples.withoutStandby();

        fixture.givenAggregate(ID).published(created(1, 0, noStandby))
                .whenTimeElapses(Duration.ofMillis(200))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();

        verify(cluster, never()).applyVersion(any(), any(), anyInt());
        verify(cluster, never()).claim(any(), anyInt());
        verify(cluster, never()).removeVersion(any());
        verify(reports).succeeded(V1);
        assertThat(kube.deployed()).containsExactly(0);
        assertThat(kube.served()).isZero();
    }

    @Test
    void aReusedStandbyWhoseRolloutFailsGoesBackToItsStandby() throws Exception {
        Instant until = Instant.parse("2026-11-25T11:00:00Z");
        kube.warm(0, 0, CONFIG, until).serving(1, QWEN, 2);
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.failed(FailureCode.MODEL_NOT_FOUND, "ModelNotFound"));

        fixture.givenAggregate(ID).published(created(2, 1))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(0);

        verify(cluster).keepWarm(V0, 0, 1, until);
        verify(cluster, never()).removeVersion(any());
        verify(reports).failed(eq(V2), eq(FailureCode.MODEL_NOT_FOUND), anyString(), eq(RolloutSteps.STEP_WAIT_READY));
        assertThat(kube.get(0).warmUntil()).isEqualTo(until);
        assertThat(kube.served()).isEqualTo(1);
    }

    @Test
    void retentionKeepsTheLastServedAndTheNewestOthersAndRemovesTheOldest() throws Exception {
        kube.warm(0, 0, GEMMA, Instant.parse("2026-11-25T10:20:00Z"))
                .warm(1, 1, QWEN, Instant.parse("2026-11-25T10:40:00Z"))
                .serving(2, QWEN.with(Map.of(ConfigField.ACCELERATOR_COUNT, 2)), 2);

        fixture.givenAggregate(ID).published(created(3, 2))
                .whenTimeElapses(DRAIN)
                .expectActiveSagas(1);

        verify(cluster).removeVersion(V0);
        verify(reports).standbyEnded(eq(V0), eq(StandbyEndReason.RETENTION), contains("at most 2"));
        verify(cluster, never()).removeVersion(V1);
        verify(cluster, never()).removeVersion(V2);
        assertThat(kube.deployed()).containsExactly(1, 2, 3);
        assertThat(kube.served()).isEqualTo(3);
    }

    @Test
    void aRolloutShortOfGpusReleasesTheOldestStandbyOfItsTypeAndSaysSo() throws Exception {
        kube.warm(0, 0, GEMMA, Instant.parse("2026-11-25T10:20:00Z")).serving(1, QWEN, 2);
        when(cluster.capacity(any(), any(), anyInt()))
                .thenReturn(new Cluster.Capacity(false, "only 1 fits"), new Cluster.Capacity(true, "2 fit"));

        fixture.givenAggregate(ID).published(created(2, 1))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(1);

        InOrder order = inOrder(cluster, reports);
        order.verify(reports).progress(eq(V2), eq(RolloutPhase.PREFLIGHT), contains("released the warm standby of version 0"));
        order.verify(cluster).removeVersion(V0);
        order.verify(reports).standbyEnded(eq(V0), eq(StandbyEndReason.CAPACITY), anyString());
        order.verify(cluster).applyVersion(V2, CONFIG, 2);
    }

    @Test
    void aRolloutThatDoesNotFitEvenWithoutTheStandbysFailsAtPreflight() throws Exception {
        kube.warm(0, 0, GEMMA, Instant.parse("2026-11-25T10:20:00Z")).serving(1, QWEN, 2);
        when(cluster.capacity(any(), any(), anyInt())).thenReturn(new Cluster.Capacity(false, "only 1 fits"));

        fixture.givenAggregate(ID).published(created(2, 1))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(0);

        verify(reports).failed(V2, FailureCode.INSUFFICIENT_GPU, "only 1 fits", RolloutSteps.STEP_PREFLIGHT);
        verify(cluster, never()).applyVersion(any(), any(), anyInt());
    }

    @Test
    void aStandbyReportTheCommandApiDidNotTakeIsSentAgainWithTheSameWindow() throws Exception {
        kube.serving(0, QWEN, 2);
        when(reports.standbyStarted(any(), anyInt(), any()))
                .thenThrow(new ReportUndeliveredException("no answer", null))
                .thenReturn(CommandReports.Answer.ACCEPTED);

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(DRAIN.plusSeconds(3))
                .expectActiveSagas(1)
                // scheduled when the report went through; the window itself was decided 3 s earlier and kept
                .expectScheduledDeadlineWithName(WINDOW, RolloutDeadlines.STANDBY_ENDS);

        Instant until = kube.get(0).warmUntil();
        verify(reports, org.mockito.Mockito.times(2)).standbyStarted(V0, 1, until);
    }
}
