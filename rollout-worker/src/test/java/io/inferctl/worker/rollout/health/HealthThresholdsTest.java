package io.inferctl.worker.rollout.health;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealthThresholdsTest {

    private static final HealthThresholds THRESHOLDS = new HealthThresholds(5, 1_000, 1, 0, 50);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private static HealthWindow window(double requests, Double errors, double p99Seconds, int notReady, int restarts) {
        return new HealthWindow(TEN_SECONDS, requests, errors, p99Seconds, 2, notReady, restarts, 0);
    }

    @Test
    void theReasonNamesTheFigureTheWindowAndTheThreshold() {
        assertThat(THRESHOLDS.judge(window(80, 10.0, 0.04, 0, 0)).reason()).isEqualTo("error rate 12.5% over 10 s > 5%");
        assertThat(THRESHOLDS.judge(window(80, 0.0, 2.485, 0, 0)).reason()).isEqualTo("p99 latency 2485 ms over 10 s > 1000 ms");
        assertThat(THRESHOLDS.judge(window(80, 0.0, 0.04, 1, 0)).reason()).isEqualTo("1 of 2 pods not ready > 0 allowed");
        assertThat(THRESHOLDS.judge(window(80, 0.0, 0.04, 0, 2)).reason())
                .isEqualTo("2 container restarts since the first look > 1 allowed");
    }

    @Test
    void atTheThresholdIsStillHealthy() {
        HealthVerdict verdict = THRESHOLDS.judge(window(100, 5.0, 1.0, 0, 1));

        assertThat(verdict.healthy()).as(verdict.reason()).isTrue();
        assertThat(verdict.reason()).isEqualTo("error rate 5%, p99 latency 1000 ms over 10 s, 100 requests");
    }

    @Test
    void tooFewRequestsIsInconclusiveButPodsAreJudgedWithoutTraffic() {
        assertThat(THRESHOLDS.judge(window(49, 49.0, 9.0, 0, 0)).state()).isEqualTo(HealthVerdict.State.INCONCLUSIVE);
        assertThat(THRESHOLDS.judge(window(0, 0.0, Double.NaN, 0, 0)).reason())
                .isEqualTo("0 requests over 10 s, fewer than the 50 a verdict needs");
        assertThat(THRESHOLDS.judge(window(0, 0.0, Double.NaN, 2, 0)).unhealthy()).isTrue();
    }

    @Test
    void anEngineThatCountsNoErrorsIsJudgedOnLatencyAlone() {
        HealthVerdict verdict = THRESHOLDS.judge(window(100, null, 0.2, 0, 0));

        assertThat(verdict.healthy()).isTrue();
        assertThat(verdict.reason()).isEqualTo("p99 latency 200 ms over 10 s, 100 requests");
    }

    @Test
    void anEngineWithoutALatencyHistogramIsJudgedOnErrorsAlone() {
        HealthVerdict verdict = THRESHOLDS.judge(window(100, 1.0, Double.NaN, 0, 0));

        assertThat(verdict.healthy()).isTrue();
        assertThat(verdict.reason()).isEqualTo("error rate 1%, p99 latency unknown over 10 s, 100 requests");
    }

    @Test
    void thresholdsThatCouldNeverJudgeAreRefused() {
        assertThatThrownBy(() -> new HealthThresholds(5, 1_000, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HealthThresholds(-1, 1_000, 0, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
