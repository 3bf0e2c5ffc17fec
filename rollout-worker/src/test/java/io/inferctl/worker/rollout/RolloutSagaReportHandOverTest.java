package io.inferctl.worker.rollout;

import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

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
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A report the command API does not take within the short in-line retry: the step it belongs to is
 * handed to a deadline (after 3 s here) and run again, without repeating what it already did.
 */
class RolloutSagaReportHandOverTest {

    private SagaTestFixture<RolloutSaga> fixture;
    private Cluster cluster;
    private CommandReports reports;

    @BeforeEach
    void setUp() {
        cluster = mock(Cluster.class);
        reports = mock(CommandReports.class, invocation -> CommandReports.Answer.ACCEPTED);
        fixture = SagaExamples.fixture(cluster, reports);
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
                .expectScheduledDeadlineWithName(Duration.ofSeconds(3), RolloutDeadlines.START)
                .expectNoScheduledDeadlineWithName(Duration.ofMinutes(10), RolloutDeadlines.ROLLOUT_DEADLINE);

        verify(cluster, never()).capacity(any(), any(), anyInt());
        verify(cluster, never()).applyVersion(any(), any(), anyInt());
    }

    @Test
    void theStartHandedToADeadlineRunsAgainOnceTheCommandApiTakesItsReport() throws Exception {
        when(reports.started(V1)).thenThrow(undelivered()).thenReturn(CommandReports.Answer.ACCEPTED);

        fixture.givenAggregate(ID).published(created(1, 0))
                .whenTimeElapses(Duration.ofSeconds(3))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofMinutes(10), RolloutDeadlines.ROLLOUT_DEADLINE)
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutDeadlines.CHECK_READINESS);

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
                .expectScheduledDeadlineWithName(Duration.ofMinutes(10).minusSeconds(3), RolloutDeadlines.ROLLOUT_DEADLINE)
                .expectNoScheduledDeadlineWithName(Duration.ofMinutes(10), RolloutDeadlines.ROLLOUT_DEADLINE);

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
                .expectScheduledDeadlineWithName(Duration.ofMillis(200), RolloutDeadlines.CHECK_READINESS);

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
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), RolloutDeadlines.DRAIN_SUPERSEDED);

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
                .expectScheduledDeadlineWithName(Duration.ofSeconds(3), RolloutDeadlines.REPORT_SUCCESS)
                .expectNoScheduledDeadlineWithName(Duration.ofSeconds(30), RolloutDeadlines.DRAIN_SUPERSEDED);

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
                .expectScheduledDeadlineWithName(Duration.ofSeconds(30), RolloutDeadlines.DRAIN_SUPERSEDED);

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
        verify(reports, times(2)).failed(V1, FailureCode.MODEL_NOT_FOUND, "ModelNotFound: x", RolloutSteps.STEP_WAIT_READY);
    }
}
