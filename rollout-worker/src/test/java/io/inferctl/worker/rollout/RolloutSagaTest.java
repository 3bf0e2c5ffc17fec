package io.inferctl.worker.rollout;

import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;

import static io.inferctl.worker.rollout.SagaExamples.CONFIG;
import static io.inferctl.worker.rollout.SagaExamples.ID;
import static io.inferctl.worker.rollout.SagaExamples.V0;
import static io.inferctl.worker.rollout.SagaExamples.V1;
import static io.inferctl.worker.rollout.SagaExamples.cancellation;
import static io.inferctl.worker.rollout.SagaExamples.created;
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

    private SagaTestFixture<RolloutSaga> fixture;
    private Cluster cluster;
    private CommandReports reports;

    @BeforeEach
    void setUp() {
        cluster = mock(Cluster.class);
        reports = mock(CommandReports.class, invocation -> CommandReports.Answer.ACCEPTED);
        fixture = SagaExamples.fixture(cluster, reports);
    }

    @Test
    void aNewVersionPassesPreflightThenGetsItsObjectsAndWaitsForReadiness() throws Exception {
        fixture.givenNoPriorActivity()
                .whenAggregate(ID).publishes(created(1, 0))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutDeadlines.CHECK_READINESS)
                .expectScheduledDeadlineWithName(Duration.ofMinutes(10), RolloutDeadlines.ROLLOUT_DEADLINE);

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

        verify(reports).failed(V1, FailureCode.INSUFFICIENT_GPU, "only 1 fits", RolloutSteps.STEP_PREFLIGHT);
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
                .expectScheduledDeadlineWithName(Duration.ofMillis(150), RolloutDeadlines.CHECK_READINESS);

        verify(cluster, times(3)).observe(V1, 2);
        verify(reports, times(1)).progress(eq(V1), eq(RolloutPhase.DOWNLOADING_MODEL), anyString());
    }

    @Test
    void onceReadyTrafficSwitchesSuccessIsReportedAndTheSupersededVersionIsRemovedAfterTheDrainDelay() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), RolloutDeadlines.DRAIN_SUPERSEDED)
                .expectNoScheduledDeadlineWithName(Duration.ofMinutes(10), RolloutDeadlines.ROLLOUT_DEADLINE);

        InOrder order = inOrder(cluster, reports);
        order.verify(reports).progress(eq(V1), eq(RolloutPhase.SWITCHING_TRAFFIC), anyString());
        order.verify(cluster).routeTraffic(V1);
        order.verify(reports).succeeded(V1);
        verify(cluster, never()).removeVersion(any());
    }

    @Test
    void theDrainDelayPassingRemovesTheSupersededVersionAndEndsTheRolloutWhenThePolicyKeepsNoStandby() throws Exception {
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());

        fixture.givenAggregate(ID).published(created(1, 0, SagaExamples.withoutStandby()))
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
        deadlines.schedule(Duration.ZERO, RolloutDeadlines.CLUSTER_CHANGED, V1, scope);

        given.whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(1)
                // Left pending, not cancelled (cancelling races with its execution): it finds nothing to do.
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutDeadlines.CHECK_READINESS)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), RolloutDeadlines.DRAIN_SUPERSEDED);

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
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), RolloutDeadlines.DRAIN_SUPERSEDED);

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
                RolloutSteps.STEP_WAIT_READY);
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
                RolloutSteps.STEP_APPLY);
    }

    @Test
    void aRolloutNotServingByItsDeadlineTimesOutAndIsCompensated() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ofMinutes(10))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();

        verify(cluster).removeVersion(V1);
        verify(reports).failed(eq(V1), eq(FailureCode.ROLLOUT_DEADLINE_EXCEEDED), startsWith("Version 1 was not serving within 10m"),
                eq(RolloutSteps.STEP_WAIT_READY));
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
                .expectScheduledDeadlineWithName(Duration.ZERO, RolloutDeadlines.COMPENSATE)
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutDeadlines.CHECK_READINESS);

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
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutDeadlines.CHECK_READINESS);

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
        order.verify(reports).failed(V1, FailureCode.CLUSTER_UNREACHABLE, "Could not point Service", RolloutSteps.STEP_SWITCH_TRAFFIC);
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
        verify(reports).failed(V0, FailureCode.CLUSTER_UNREACHABLE, "Could not create Service", RolloutSteps.STEP_SWITCH_TRAFFIC);
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
        verify(reports, times(1)).failed(V1, FailureCode.BAD_ENGINE_ARGUMENT, "InvalidEngineArgument: x", RolloutSteps.STEP_WAIT_READY);
    }

    @Test
    void aDeletedEndpointTakesTheRolloutsObjectsWithItAndReportsNothing() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0))
                .whenAggregate(ID).publishes(new EndpointDeleted(ID, "llama-chat", "admin@example.com", Instant.now(), "gone"))
                .expectActiveSagas(0)
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutDeadlines.CHECK_READINESS);

        verify(cluster).removeVersion(V1);
        verify(reports, never()).failed(any(), any(), any(), any());
        verify(reports, never()).cancelled(any());
    }
}
