package io.inferctl.worker.rollout;

import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.config.AcceleratorSpec;
import io.inferctl.events.config.AutoscalingSpec;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.EngineSettings;
import io.inferctl.events.config.ModelSpec;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Every path of the rollout saga, given-when-then, without Spring. The cluster and the command API
 * are mocks at the saga's boundary; RolloutOnClusterTest proves the same paths on a cluster.
 */
class RolloutSagaTest {

    private static final String ID = "8d3c0f55-6a4e-4c0b-9d1e-2f6a7b8c9d0e";
    private static final VersionRef V0 = new VersionRef(ID, "llama-chat", 0);
    private static final VersionRef V1 = new VersionRef(ID, "llama-chat", 1);
    private static final EndpointConfig CONFIG = new EndpointConfig(
            new ModelSpec("Llama-3.1-8B-Instruct", "hf://meta-llama/Llama-3.1-8B-Instruct", null),
            new AcceleratorSpec("NVIDIA_H100", 1),
            new AutoscalingSpec(2, 4, 300),
            new EngineSettings(64, 4096, 8192, true, false, 30000));
    private static final RolloutProperties PROPERTIES = new RolloutProperties(Duration.ofMinutes(10),
            Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(3));

    private SagaTestFixture<RolloutSaga> fixture;
    private Cluster cluster;
    private CommandReports reports;

    @BeforeEach
    void setUp() throws Exception {
        cluster = mock(Cluster.class);
        reports = mock(CommandReports.class, invocation -> CommandReports.Answer.ACCEPTED);
        when(cluster.capacity(any(), any(), anyInt())).thenReturn(new Cluster.Capacity(true, "2 replicas fit"));
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.progressing(RolloutPhase.DOWNLOADING_MODEL, "0/2 available"));
        fixture = new SagaTestFixture<>(RolloutSaga.class);
        fixture.registerResource(cluster);
        fixture.registerResource(reports);
        fixture.registerResource(PROPERTIES);
    }

    private static EndpointVersionCreated created(int version, Integer current) {
        return new EndpointVersionCreated(ID, "llama-chat", version, version == 0 ? VersionOrigin.CREATE : VersionOrigin.UPDATE,
                null, CONFIG, List.of(), "alice@example.com", Instant.parse("2026-11-25T10:00:00Z"), "test", current);
    }

    private static RolloutCancellationRequested cancellation(int version) {
        return new RolloutCancellationRequested(ID, version, "alice@example.com", "not now", Instant.parse("2026-11-25T10:01:00Z"));
    }

    @Test
    void aNewVersionPassesPreflightThenGetsItsObjectsAndWaitsForReadiness() throws Exception {
        fixture.givenNoPriorActivity()
                .whenAggregate(ID).publishes(created(1, 0))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutSaga.CHECK_READINESS)
                .expectScheduledDeadlineWithName(Duration.ofMinutes(10), RolloutSaga.ROLLOUT_DEADLINE);

        InOrder order = inOrder(cluster, reports);
        order.verify(reports).started(V1);
        order.verify(reports).progress(eq(V1), eq(RolloutPhase.PREFLIGHT), anyString());
        order.verify(cluster).capacity(V1, CONFIG, 2);
        order.verify(reports).progress(eq(V1), eq(RolloutPhase.REQUESTING_GPUS), anyString());
        order.verify(cluster).applyVersion(V1, CONFIG, 2);
    }

    @Test
    void notEnoughFreeGpusFailsAtPreflightWithoutTouchingTheCluster() throws Exception {
        when(cluster.capacity(any(), any(), anyInt())).thenReturn(new Cluster.Capacity(false, "only 1 fits"));

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();

        verify(reports).failed(V1, FailureCode.INSUFFICIENT_GPU, "only 1 fits", RolloutSaga.STEP_PREFLIGHT);
        verify(cluster, never()).applyVersion(any(), any(), anyInt());
        verify(cluster, never()).removeVersion(any());
        verify(cluster, never()).routeTraffic(any());
    }

    @Test
    void aVersionWhoseRolloutIsAlreadyOverIsLeftAlone() throws Exception {
        when(reports.started(V1)).thenReturn(CommandReports.Answer.REFUSED);

        fixture.givenNoPriorActivity()
                .whenAggregate(ID).publishes(created(1, 0))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();

        verify(cluster, never()).capacity(any(), any(), anyInt());
        verify(cluster, never()).applyVersion(any(), any(), anyInt());
    }

    @Test
    void whileThePodsProgressEachPhaseIsReportedOnceAndReadinessIsCheckedAgain() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ofMillis(450))
                .expectActiveSagas(1)
                // a first look at once, checks at 200 and 400 ms; the next one is due at 600 ms, 150 ms from now
                .expectScheduledDeadlineWithName(Duration.ofMillis(150), RolloutSaga.CHECK_READINESS);

        verify(cluster, times(3)).observe(V1, 2);
        verify(reports, times(1)).progress(eq(V1), eq(RolloutPhase.DOWNLOADING_MODEL), anyString());
    }

    @Test
    void onceReadyTrafficSwitchesSuccessIsReportedAndTheSupersededVersionIsRemovedAfterTheDrainDelay() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), RolloutSaga.DRAIN_SUPERSEDED)
                .expectNoScheduledDeadlineWithName(Duration.ofMinutes(10), RolloutSaga.ROLLOUT_DEADLINE);

        InOrder order = inOrder(cluster, reports);
        order.verify(reports).progress(eq(V1), eq(RolloutPhase.SWITCHING_TRAFFIC), anyString());
        order.verify(cluster).routeTraffic(V1);
        order.verify(reports).succeeded(V1);
        verify(cluster, never()).removeVersion(any());
    }

    @Test
    void theDrainDelayPassingRemovesTheSupersededVersionAndEndsTheRollout() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());

        fixture.givenAggregate(ID).published(created(1, 0))
                .andThenTimeElapses(Duration.ofMillis(200))
                .whenTimeElapses(Duration.ofSeconds(30))
                .expectActiveSagas(0);

        verify(cluster).removeVersion(V0);
        verify(cluster, never()).removeVersion(V1);
    }

    @Test
    void aChangeSeenOnTheClusterSwitchesTrafficWithoutWaitingForThePeriodicCheck() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());
        var given = fixture.givenAggregate(ID).published(created(1, 0));
        // What RolloutNudges does when the Deployment watch sees the version change: a deadline due at
        // once in this saga's scope (taken from the saga's own pending readiness check).
        StubDeadlineManager deadlines = fixtureDeadlineManager();
        var scope = deadlines.getScheduledDeadlines().get(0).getDeadlineScope();
        deadlines.schedule(Duration.ZERO, RolloutSaga.CLUSTER_CHANGED, V1, scope);

        given.whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(1)
                // Left pending, not cancelled (cancelling races with its execution): it finds nothing to do.
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutSaga.CHECK_READINESS)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), RolloutSaga.DRAIN_SUPERSEDED);

        verify(cluster).routeTraffic(V1);
        verify(reports).succeeded(V1);
    }

    @Test
    void aVersionReadyAtOnceSwitchesTrafficWithoutWaitingForThePeriodicCheck() throws Exception {
        // The watch may report the version ready before the saga is stored, when there is no saga to nudge.
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), RolloutSaga.DRAIN_SUPERSEDED);

        verify(cluster).routeTraffic(V1);
        verify(reports).succeeded(V1);
    }

    /** The fixture keeps its deadline manager to itself; the nudge test needs to schedule into it as the watch does. */
    private StubDeadlineManager fixtureDeadlineManager() throws ReflectiveOperationException {
        Field field = SagaTestFixture.class.getDeclaredField("deadlineManager");
        field.setAccessible(true);
        return (StubDeadlineManager) field.get(fixture);
    }

    @Test
    void theFirstVersionEndsItsRolloutOnceItServes() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());

        fixture.givenAggregate(ID).published(created(0, null))
                .whenTimeElapses(Duration.ofMillis(200))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();

        verify(cluster).routeTraffic(V0);
        verify(reports).succeeded(V0);
    }

    @Test
    void podsThatCannotBecomeReadyAreClassifiedRemovedAndReported() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(
                Observation.failed(FailureCode.MODEL_NOT_FOUND, "ModelNotFound: hf://x/y was not found"));

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ofMillis(200))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();

        InOrder order = inOrder(cluster, reports);
        order.verify(cluster).removeVersion(V1);
        order.verify(reports).failed(V1, FailureCode.MODEL_NOT_FOUND, "ModelNotFound: hf://x/y was not found",
                RolloutSaga.STEP_WAIT_READY);
        verify(cluster, never()).routeTraffic(any());
    }

    @Test
    void aClusterThatRefusesTheVersionsObjectsFailsTheApplyStepAndRemovesWhatWasApplied() throws Exception {
        doThrow(new ClusterFailure(FailureCode.INVALID_SPEC, "The cluster refused to apply Deployment: bad", null))
                .when(cluster).applyVersion(any(), any(), anyInt());

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();

        InOrder order = inOrder(cluster, reports);
        order.verify(cluster).removeVersion(V1);
        order.verify(reports).failed(V1, FailureCode.INVALID_SPEC, "The cluster refused to apply Deployment: bad",
                RolloutSaga.STEP_APPLY);
    }

    @Test
    void aRolloutNotServingByItsDeadlineTimesOutAndIsCompensated() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ofMinutes(10))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();

        verify(cluster).removeVersion(V1);
        verify(reports).failed(eq(V1), eq(FailureCode.ROLLOUT_DEADLINE_EXCEEDED), startsWith("Version 1 was not serving within 10m"),
                eq(RolloutSaga.STEP_WAIT_READY));
        verify(cluster, never()).routeTraffic(any());
    }

    @Test
    void aReadinessCheckStillPendingWhenTheRolloutStopsLooksAtNothing() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0), cancellation(1))
                .whenTimeElapses(Duration.ofMillis(200))
                .expectActiveSagas(0);

        verify(cluster, never()).observe(any(), anyInt());
        verify(cluster, never()).routeTraffic(any());
        verify(reports).cancelled(V1);
    }

    @Test
    void aCancellationIsRecordedBeforeAnythingIsUndone() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0))
                .whenAggregate(ID).publishes(cancellation(1))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ZERO, RolloutSaga.COMPENSATE)
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutSaga.CHECK_READINESS);

        verify(cluster, never()).removeVersion(any());
        verify(reports, never()).cancelled(any());
    }

    @Test
    void aCancellationRemovesTheNewVersionAndReportsCancelled() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0))
                .andThenAggregate(ID).published(cancellation(1))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(0)
                // Only the periodic check is left; it finds no saga (aReadinessCheckStillPending...).
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutSaga.CHECK_READINESS);

        InOrder order = inOrder(cluster, reports);
        order.verify(cluster).removeVersion(V1);
        order.verify(reports).cancelled(V1);
        verify(reports, never()).failed(any(), any(), any(), any());
    }

    @Test
    void aCancellationAfterTrafficSwitchedChangesNothing() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());

        fixture.givenAggregate(ID).published(created(1, 0))
                .andThenTimeElapses(Duration.ofMillis(200))
                .whenAggregate(ID).publishes(cancellation(1))
                .expectActiveSagas(1);

        verify(cluster, never()).removeVersion(any());
        verify(reports, never()).cancelled(any());
    }

    @Test
    void aCancellationOfAnotherVersionIsNotThisRolloutsConcern() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0))
                .whenAggregate(ID).publishes(cancellation(2))
                .expectActiveSagas(1);

        verify(cluster, never()).removeVersion(any());
    }

    @Test
    void aFailedTrafficSwitchPointsTheServiceBackAtTheServingVersionBeforeRemovingTheNewOne() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());
        doThrow(new ClusterFailure(FailureCode.CLUSTER_UNREACHABLE, "Could not point Service", null))
                .doNothing()
                .when(cluster).routeTraffic(any());

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ofMillis(200))
                .expectActiveSagas(0);

        InOrder order = inOrder(cluster, reports);
        order.verify(cluster).routeTraffic(V1);
        order.verify(cluster).routeTraffic(V0);
        order.verify(cluster).removeVersion(V1);
        order.verify(reports).failed(V1, FailureCode.CLUSTER_UNREACHABLE, "Could not point Service", RolloutSaga.STEP_SWITCH_TRAFFIC);
        verify(reports, never()).succeeded(any());
    }

    @Test
    void aFailedFirstVersionsTrafficSwitchRemovesTheServiceItMayHaveCreated() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());
        doThrow(new ClusterFailure(FailureCode.CLUSTER_UNREACHABLE, "Could not create Service", null))
                .when(cluster).routeTraffic(any());

        fixture.givenAggregate(ID).published(created(0, null))
                .whenTimeElapses(Duration.ofMillis(200))
                .expectActiveSagas(0);

        verify(cluster).removeService(V0);
        verify(cluster).removeVersion(V0);
        verify(reports).failed(V0, FailureCode.CLUSTER_UNREACHABLE, "Could not create Service", RolloutSaga.STEP_SWITCH_TRAFFIC);
    }

    @Test
    void aCompensationTheClusterRefusesIsRetriedAndTheOutcomeReportedOnlyOnceItIsDone() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.failed(FailureCode.BAD_ENGINE_ARGUMENT, "InvalidEngineArgument: x"));
        doThrow(new ClusterFailure(FailureCode.CLUSTER_UNREACHABLE, "down", null))
                .doNothing()
                .when(cluster).removeVersion(V1);

        fixture.givenAggregate(ID).published(created(1, 0))
                .andThenTimeElapses(Duration.ofMillis(200))
                .whenTimeElapses(Duration.ofSeconds(5))
                .expectActiveSagas(0);

        verify(cluster, times(2)).removeVersion(V1);
        verify(reports, times(1)).failed(V1, FailureCode.BAD_ENGINE_ARGUMENT, "InvalidEngineArgument: x", RolloutSaga.STEP_WAIT_READY);
    }

    private static ReportUndeliveredException undelivered() {
        return new ReportUndeliveredException("Could not report after 4 attempts: answered 503", null);
    }

    @Test
    void aStartedReportTheCommandApiDoesNotTakeHandsTheStartToADeadlineAndTouchesNothingYet() throws Exception {
        when(reports.started(V1)).thenThrow(undelivered());

        fixture.givenNoPriorActivity()
                .whenAggregate(ID).publishes(created(1, 0))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(3), RolloutSaga.START)
                .expectNoScheduledDeadlineWithName(Duration.ofMinutes(10), RolloutSaga.ROLLOUT_DEADLINE);

        verify(cluster, never()).capacity(any(), any(), anyInt());
        verify(cluster, never()).applyVersion(any(), any(), anyInt());
    }

    @Test
    void theStartHandedToADeadlineRunsAgainOnceTheCommandApiTakesItsReport() throws Exception {
        when(reports.started(V1)).thenThrow(undelivered()).thenReturn(CommandReports.Answer.ACCEPTED);

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ofSeconds(3))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofMinutes(10), RolloutSaga.ROLLOUT_DEADLINE)
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutSaga.CHECK_READINESS);

        verify(reports, times(2)).started(V1);
        verify(cluster).applyVersion(V1, CONFIG, 2);
    }

    @Test
    void aStartRunAgainAfterAnUndeliveredPhaseKeepsItsFirstRolloutDeadline() throws Exception {
        when(reports.progress(eq(V1), eq(RolloutPhase.REQUESTING_GPUS), anyString()))
                .thenThrow(undelivered()).thenReturn(CommandReports.Answer.ACCEPTED);

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ofSeconds(3))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofMinutes(10).minusSeconds(3), RolloutSaga.ROLLOUT_DEADLINE)
                .expectNoScheduledDeadlineWithName(Duration.ofMinutes(10), RolloutSaga.ROLLOUT_DEADLINE);

        verify(reports, times(1)).progress(eq(V1), eq(RolloutPhase.PREFLIGHT), anyString());
        verify(cluster, times(1)).applyVersion(V1, CONFIG, 2);
    }

    @Test
    void aCancellationWhileTheStartWaitsForTheCommandApiEndsTheRolloutWithoutTouchingTheCluster() throws Exception {
        when(reports.started(V1)).thenThrow(undelivered());

        fixture.givenAggregate(ID).published(created(1, 0), cancellation(1))
                .whenTimeElapses(Duration.ofSeconds(3))
                .expectActiveSagas(0);

        verify(reports, times(1)).started(V1);
        verify(reports).cancelled(V1);
        verify(cluster, never()).applyVersion(any(), any(), anyInt());
    }

    @Test
    void aPhaseTheCommandApiDoesNotTakeIsReportedAgainFromALaterReadinessCheck() throws Exception {
        when(reports.progress(eq(V1), eq(RolloutPhase.DOWNLOADING_MODEL), anyString()))
                .thenThrow(undelivered()).thenThrow(undelivered()).thenReturn(CommandReports.Answer.ACCEPTED);

        fixture.givenAggregate(ID).published(created(1, 0))
                .andThenTimeElapses(Duration.ofMillis(200))
                .whenTimeElapses(Duration.ofSeconds(3))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutSaga.CHECK_READINESS);

        // the first look and the periodic check at 200 ms fail to report; the check handed over 3 s later reports
        verify(cluster, times(3)).observe(V1, 2);
        verify(reports, times(3)).progress(eq(V1), eq(RolloutPhase.DOWNLOADING_MODEL), anyString());
    }

    @Test
    void anUndeliveredSwitchingPhaseLeavesTrafficAloneUntilALaterCheckReportsIt() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());
        when(reports.progress(eq(V1), eq(RolloutPhase.SWITCHING_TRAFFIC), anyString()))
                .thenThrow(undelivered()).thenReturn(CommandReports.Answer.ACCEPTED);

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ofMillis(200))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), RolloutSaga.DRAIN_SUPERSEDED);

        verify(reports, times(2)).progress(eq(V1), eq(RolloutPhase.SWITCHING_TRAFFIC), anyString());
        verify(cluster, times(1)).routeTraffic(V1);
        verify(reports, times(1)).succeeded(V1);
    }

    @Test
    void anUndeliveredSuccessIsHandedToADeadlineWithTrafficLeftOnTheNewVersion() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());
        when(reports.succeeded(V1)).thenThrow(undelivered());

        fixture.givenAggregate(ID).published(created(1, 0))
                .andThenTimeElapses(Duration.ZERO)
                .whenAggregate(ID).publishes(cancellation(1))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(3), RolloutSaga.REPORT_SUCCESS)
                .expectNoScheduledDeadlineWithName(Duration.ofSeconds(30), RolloutSaga.DRAIN_SUPERSEDED);

        verify(cluster).routeTraffic(V1);
        verify(cluster, never()).routeTraffic(V0);
        verify(cluster, never()).removeVersion(any());
        verify(reports, never()).cancelled(any());
    }

    @Test
    void aSuccessHandedToADeadlineIsReportedAgainAndTheDrainFollows() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());
        when(reports.succeeded(V1)).thenThrow(undelivered()).thenReturn(CommandReports.Answer.ACCEPTED);

        fixture.givenAggregate(ID).published(created(1, 0))
                .andThenTimeElapses(Duration.ZERO)
                .whenTimeElapses(Duration.ofSeconds(3))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), RolloutSaga.DRAIN_SUPERSEDED);

        verify(cluster, times(1)).routeTraffic(V1);
        verify(reports, times(2)).succeeded(V1);
        verify(cluster, never()).removeVersion(any());
    }

    @Test
    void anUndeliveredFailureIsReportedAgainFromADeadlineWithoutUndoingTwice() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.failed(FailureCode.MODEL_NOT_FOUND, "ModelNotFound: x"));
        when(reports.failed(any(), any(), any(), any())).thenThrow(undelivered()).thenReturn(CommandReports.Answer.ACCEPTED);

        fixture.givenAggregate(ID).published(created(1, 0))
                .andThenTimeElapses(Duration.ZERO)
                .whenTimeElapses(Duration.ofSeconds(3))
                .expectActiveSagas(0);

        verify(cluster, times(1)).removeVersion(V1);
        verify(reports, times(2)).failed(V1, FailureCode.MODEL_NOT_FOUND, "ModelNotFound: x", RolloutSaga.STEP_WAIT_READY);
    }

    @Test
    void aDeletedEndpointTakesTheRolloutsObjectsWithItAndReportsNothing() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0))
                .whenAggregate(ID).publishes(new EndpointDeleted(ID, "llama-chat", "admin@example.com", Instant.now(), "gone"))
                .expectActiveSagas(0)
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutSaga.CHECK_READINESS);

        verify(cluster).removeVersion(V1);
        verify(reports, never()).failed(any(), any(), any(), any());
        verify(reports, never()).cancelled(any());
    }
}
