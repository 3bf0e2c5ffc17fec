package io.inferctl.worker.rollout.health;

import io.inferctl.simulator.faults.EngineFaultRule;
import io.inferctl.worker.rollout.VersionRef;
import io.inferctl.worker.rollout.kubernetes.TrafficSplit;
import io.inferctl.worker.support.CanaryEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.inferctl.worker.support.CanaryEndpoint.ID;
import static io.inferctl.worker.support.CanaryEndpoint.V0;
import static io.inferctl.worker.support.CanaryEndpoint.V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

/**
 * A version's health read from the simulated cluster as from a real one: pod status from the API, engine
 * counters through the pod proxy. The synthetic load is sent in rounds, so each window's figures are exact.
 */
class EngineHealthOnClusterTest {

    /** 5% errors, p99 1 s, no restart, no pod not ready, 20 requests for a verdict. */
    private static final HealthThresholds THRESHOLDS = new HealthThresholds(5, 1_000, 0, 0, 20);

    /** Long enough for the first window to be taken before the fault begins, even on a busy machine. */
    private static final long AFTER_SECONDS = 6;

    private static CanaryEndpoint endpoint;
    private static TrafficSplit split;
    private static EngineHealth health;

    @BeforeAll
    static void start() {
        endpoint = new CanaryEndpoint();
        endpoint.version(V0, 1);
        endpoint.version(V1, 2);
        split = new TrafficSplit(endpoint.sim().client(), endpoint.kubernetes(), endpoint.gateway(Map.of()));
        health = new EngineHealth(endpoint.sim().client(), endpoint.kubernetes(),
                CanaryEndpoint.bind("inferctl.rollout.health.metrics", EngineMetricNames.class, Map.of()),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @AfterEach
    void noFaults() {
        endpoint.sim().engineFaults().clear();
    }

    /** One look, a round of requests, another look: the window between them. */
    private static HealthWindow windowOf(VersionRef version, int requests) {
        HealthSample first = health.firstLook(version);
        endpoint.sim().traffic().send(requests);
        return health.window(first, health.look(version, first));
    }

    @Test
    void aHealthyVersionIsHealthyWithItsExactShareAndLatency() {
        split.shift(V0, V1, 50);

        HealthWindow window = windowOf(V1, 200);

        assertThat(window.requests()).isEqualTo(100);
        assertThat(window.errors()).isZero();
        assertThat(window.pods()).isEqualTo(2);
        // The simulated engine answers in 32..48 ms: every request in the (25 ms, 50 ms] bucket.
        assertThat(window.p99Seconds()).isCloseTo(0.025 + 0.025 * 0.99, offset(1e-9));
        HealthVerdict verdict = THRESHOLDS.judge(window);
        assertThat(verdict.healthy()).as(verdict.reason()).isTrue();
        assertThat(verdict.reason()).contains("error rate 0%", "p99 latency 49.8 ms", "100 requests");
    }

    @Test
    void anErrorRateThatGoesBadAfterSomeSecondsMakesTheVerdictUnhealthyNamingIt() {
        VersionRef v2 = new VersionRef(ID, "chat", 2);
        endpoint.sim().engineFaults().add(EngineFaultRule.forLabels(
                Map.of("inferctl.io/endpoint-id", ID, "inferctl.io/version", "2"), AFTER_SECONDS, 0.5, 0));
        endpoint.version(v2, 1);
        split.shift(V0, v2, 50);

        HealthVerdict before = THRESHOLDS.judge(windowOf(v2, 100));
        AtomicReference<HealthVerdict> bad = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    bad.set(THRESHOLDS.judge(windowOf(v2, 100)));
                    return bad.get().unhealthy();
                });
        HealthWindow after = windowOf(v2, 100);

        assertThat(before.healthy()).as(before.reason()).isTrue();
        assertThat(bad.get().reason()).startsWith("error rate ").contains("> 5%");
        assertThat(after.errorRatePercent()).as("every second request of the pod fails").isEqualTo(50.0);
        assertThat(THRESHOLDS.judge(after).reason()).matches("error rate 50% over [0-9.]+ s > 5%");
        HealthWindow serving = windowOf(V0, 100);
        assertThat(serving.errors()).as("the serving version's engines").isZero();
    }

    @Test
    void aLatencyFaultMakesTheVerdictUnhealthyNamingTheP99() {
        endpoint.sim().engineFaults().add(EngineFaultRule.forLabels(
                Map.of("inferctl.io/endpoint-id", ID, "inferctl.io/version", "1"), 0, 0, 1_500));
        split.shift(V0, V1, 50);

        HealthWindow window = windowOf(V1, 100);

        // 1.532..1.548 s: every request in the (1 s, 2.5 s] bucket, interpolated at rank 0.99.
        assertThat(window.p99Seconds()).isCloseTo(2.485, offset(1e-9));
        HealthVerdict verdict = THRESHOLDS.judge(window);
        assertThat(verdict.unhealthy()).isTrue();
        assertThat(verdict.reason()).matches("p99 latency 2485 ms over [0-9.]+ s > 1000 ms");
    }

    @Test
    void aVersionWithoutTrafficIsNeverHealthyByAccident() {
        split.shift(V0, V1, 0);

        HealthWindow window = windowOf(V1, 100);

        assertThat(window.requests()).isZero();
        HealthVerdict verdict = THRESHOLDS.judge(window);
        assertThat(verdict.state()).isEqualTo(HealthVerdict.State.INCONCLUSIVE);
        assertThat(verdict.reason()).matches("0 requests over [0-9.]+ s, fewer than the 20 a verdict needs");
        assertThat(THRESHOLDS.judge(windowOf(V1, 10)).state()).as("10 requests, 0 to the canary")
                .isEqualTo(HealthVerdict.State.INCONCLUSIVE);
    }

    @Test
    void podsNotReadyAndRestartsAreUnhealthyWhateverTheTraffic() {
        VersionRef broken = new VersionRef(ID, "chat", 3);
        endpoint.deploy(broken, 1, "hf://meta-llama/Llama-9-Unknown");
        await().until(() -> !endpoint.pods(broken).isEmpty());
        HealthSample first = health.firstLook(broken);

        HealthVerdict notReady = health.judge(first, health.look(broken, first), THRESHOLDS);
        AtomicReference<HealthWindow> restarting = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            restarting.set(health.window(first, health.look(broken, first)));
            return restarting.get().restarts() > 0;
        });
        HealthThresholds lenientOnReadiness = new HealthThresholds(5, 1_000, 0, 1, 20);

        assertThat(notReady.unhealthy()).isTrue();
        assertThat(notReady.reason()).isEqualTo("1 of 1 pods not ready > 0 allowed");
        assertThat(lenientOnReadiness.judge(restarting.get()).reason())
                .matches("[1-9][0-9]* container restarts since the first look > 0 allowed");
    }
}
