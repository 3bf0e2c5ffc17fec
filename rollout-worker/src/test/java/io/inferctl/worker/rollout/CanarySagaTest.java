package io.inferctl.worker.rollout;

import io.inferctl.events.CanaryPromotionRequested;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.RolloutPolicy;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.worker.rollout.health.HealthVerdict;
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
import static io.inferctl.worker.rollout.SagaExamples.cancellation;
import static io.inferctl.worker.rollout.SagaExamples.created;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The canary's steps and the bake, given-when-then: the cluster's health looks (every 10 s) are a mock
 * at the saga's boundary; CanaryOnClusterTest proves the same on the simulator.
 */
class CanarySagaTest {

    private static final HealthVerdict HEALTHY = new HealthVerdict(HealthVerdict.State.HEALTHY, "error rate 0%");
    private static final HealthVerdict TOO_FEW = new HealthVerdict(HealthVerdict.State.INCONCLUSIVE, "3 requests");
    private static final HealthVerdict ERRORS = new HealthVerdict(HealthVerdict.State.UNHEALTHY,
            "error rate 35% over 10 s > 5%");

    private SagaTestFixture<RolloutSaga> fixture;
    private Cluster cluster;
    private CommandReports reports;

    @BeforeEach
    void setUp() {
        cluster = mock(Cluster.class);
        reports = mock(CommandReports.class, invocation -> CommandReports.Answer.ACCEPTED);
        fixture = SagaExamples.fixture(cluster, reports);
        when(cluster.observe(any(), anyInt())).thenReturn(Observation.ready());
        when(cluster.health(any(), any())).thenReturn(HEALTHY);
    }

    static EndpointConfig canary(String steps, int bakeSeconds) {
        return CONFIG.with(Map.of(ConfigField.ROLLOUT_STRATEGY, RolloutPolicy.CANARY,
                ConfigField.ROLLOUT_CANARY_STEPS, steps, ConfigField.ROLLOUT_BAKE_SECONDS, bakeSeconds));
    }

    static EndpointConfig blueGreenBaking(int bakeSeconds) {
        return CONFIG.with(Map.of(ConfigField.ROLLOUT_BAKE_SECONDS, bakeSeconds));
    }

    private static CanaryPromotionRequested promotion(int version) {
        return new CanaryPromotionRequested(ID, version, "bob@example.com", "looks good",
                Instant.parse("2026-11-25T10:02:00Z"));
    }

    @Test
    void stepsAdvanceWhenTheirTimeIsUpAndALookWasHealthyThenTrafficSwitchesAndTheSplitEnds() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0, canary("10%:5m,50%:5m", 0)))
                .andThenTimeElapses(Duration.ofMinutes(4).plusSeconds(55));
        verify(cluster).splitTraffic(V0, V1, 10);
        verify(cluster, never()).splitTraffic(V0, V1, 50);

        fixture.whenTimeElapses(Duration.ofMinutes(5).plusSeconds(10))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Duration.ofSeconds(25), RolloutDeadlines.DRAIN_SUPERSEDED);

        InOrder order = inOrder(cluster, reports);
        order.verify(reports).progress(V1, RolloutPhase.CANARY, "10% of traffic for 5m (step 1 of 2)", 10);
        order.verify(cluster).splitTraffic(V0, V1, 50);
        order.verify(reports).progress(V1, RolloutPhase.CANARY, "50% of traffic for 5m (step 2 of 2)", 50);
        order.verify(reports).progress(eq(V1), eq(RolloutPhase.SWITCHING_TRAFFIC), anyString(), isNull());
        order.verify(cluster).routeTraffic(V1);
        order.verify(cluster).endSplit(V1, V0);
        order.verify(reports).succeeded(V1);
        verify(cluster, never()).removeVersion(any());
    }

    @Test
    void aStepWhoseLooksSawTooLittleTrafficHoldsUntilOneIsHealthy() throws Exception {
        when(cluster.health(any(), any())).thenReturn(TOO_FEW);

        fixture.givenAggregate(ID).published(created(1, 0, canary("10%:1m,50%:1m", 0)))
                .andThenTimeElapses(Duration.ofMinutes(3));
        verify(cluster, never()).splitTraffic(V0, V1, 50);

        when(cluster.health(any(), any())).thenReturn(HEALTHY);
        fixture.whenTimeElapses(Duration.ofSeconds(10)).expectActiveSagas(1);

        verify(cluster).splitTraffic(V0, V1, 50);
        verify(reports, never()).succeeded(any());
    }

    @Test
    void anUnhealthyCanaryIsTakenOffTrafficFirstThenRemovedAndReportedUnhealthy() throws Exception {
        when(cluster.health(any(), any())).thenReturn(ERRORS);

        fixture.givenAggregate(ID).published(created(1, 0, canary("10%:5m,50%:5m", 0)))
                .whenTimeElapses(Duration.ofSeconds(10))
                .expectActiveSagas(0);

        InOrder order = inOrder(cluster, reports);
        order.verify(cluster).splitTraffic(V0, V1, 10);
        order.verify(cluster).endSplit(V0, V1);
        order.verify(cluster).removeVersion(V1);
        order.verify(reports).failed(V1, FailureCode.UNHEALTHY_CANARY,
                "error rate 35% over 10 s > 5% at 10% of traffic", CanaryRollout.STEP_CANARY);
        verify(cluster, never()).routeTraffic(any());
        verify(reports, never()).succeeded(any());
    }

    @Test
    void successIsReportedOnlyOnceTheBakeTimePassed() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0, blueGreenBaking(60)))
                .andThenTimeElapses(Duration.ofSeconds(59));
        verify(cluster).routeTraffic(V1);
        verify(reports).progress(eq(V1), eq(RolloutPhase.BAKING), anyString(), isNull());
        verify(reports, never()).succeeded(any());

        fixture.whenTimeElapses(Duration.ofSeconds(2)).expectActiveSagas(1);

        verify(reports).succeeded(V1);
        verify(cluster, never()).splitTraffic(any(), any(), anyInt());
    }

    @Test
    void aVersionUnhealthyWhileBakingGetsTrafficBackOnTheServingVersionAndIsRemoved() throws Exception {
        when(cluster.health(any(), any())).thenReturn(HEALTHY, ERRORS);

        fixture.givenAggregate(ID).published(created(1, 0, blueGreenBaking(60)))
                .whenTimeElapses(Duration.ofSeconds(20))
                .expectActiveSagas(0);

        InOrder order = inOrder(cluster, reports);
        order.verify(cluster).routeTraffic(V1);
        order.verify(cluster).routeTraffic(V0);
        order.verify(cluster).removeVersion(V1);
        order.verify(reports).failed(V1, FailureCode.UNHEALTHY_CANARY,
                "error rate 35% over 10 s > 5% while baking at 100% of traffic", CanaryRollout.STEP_BAKE);
        verify(reports, never()).succeeded(any());
    }

    @Test
    void aPromotedCanarySkipsItsRemainingStepsAndTheBake() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0, canary("10%:5m,50%:5m", 600)))
                .andThenTimeElapses(Duration.ofSeconds(30))
                .andThenAggregate(ID).published(promotion(1))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(1);

        InOrder order = inOrder(cluster, reports);
        order.verify(cluster).routeTraffic(V1);
        order.verify(cluster).endSplit(V1, V0);
        order.verify(reports).succeeded(V1);
        verify(cluster, never()).splitTraffic(V0, V1, 50);
        verify(reports, never()).progress(eq(V1), eq(RolloutPhase.BAKING), anyString(), any());
    }

    @Test
    void aPromotionWhileBakingReportsSuccessAtOnce() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0, blueGreenBaking(600)))
                .andThenTimeElapses(Duration.ofSeconds(30))
                .andThenAggregate(ID).published(promotion(1))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(1);

        verify(reports).succeeded(V1);
        verify(cluster, never()).removeVersion(any());
    }

    @Test
    void anAbortDuringACanaryStepSendsTrafficBackRemovesTheVersionAndReportsCancelled() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0, canary("10%:5m,50%:5m", 0)))
                .andThenTimeElapses(Duration.ofSeconds(30))
                .andThenAggregate(ID).published(cancellation(1))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(0);

        InOrder order = inOrder(cluster, reports);
        order.verify(cluster).endSplit(V0, V1);
        order.verify(cluster).removeVersion(V1);
        order.verify(reports).cancelled(V1);
        verify(cluster, never()).routeTraffic(any());
    }

    @Test
    void anAbortWhileBakingPutsTheServiceBackOnTheServingVersion() throws Exception {
        fixture.givenAggregate(ID).published(created(1, 0, canary("10%:1m", 600)))
                .andThenTimeElapses(Duration.ofMinutes(2))
                .andThenAggregate(ID).published(cancellation(1))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(0);

        InOrder order = inOrder(cluster, reports);
        order.verify(cluster).routeTraffic(V1);
        order.verify(reports).progress(eq(V1), eq(RolloutPhase.BAKING), anyString(), isNull());
        order.verify(cluster).routeTraffic(V0);
        order.verify(cluster).endSplit(V0, V1);
        order.verify(cluster).removeVersion(V1);
        order.verify(reports).cancelled(V1);
        verify(reports, never()).succeeded(any());
    }

    @Test
    void aFirstVersionWithTheCanaryStrategyIsRolledOutBlueGreen() throws Exception {
        fixture.givenAggregate(ID).published(created(0, null, canary("10%:5m", 0)))
                .whenTimeElapses(Duration.ZERO)
                .expectActiveSagas(0);

        verify(cluster).routeTraffic(V0);
        verify(reports).succeeded(V0);
        verify(cluster, never()).splitTraffic(any(), any(), anyInt());
        verify(cluster, never()).health(any(), any());
    }
}
