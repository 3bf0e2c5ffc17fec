package io.inferctl.worker.rollout.health;

import io.inferctl.worker.rollout.VersionRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Successive looks: the first sets the baseline, each later one is judged over the window since the one before. */
class HealthLooksTest {

    private static final VersionRef V1 = new VersionRef("8d3c0f55-6a4e-4c0b-9d1e-2f6a7b8c9d0e", "chat", 1);
    private static final HealthThresholds THRESHOLDS = new HealthThresholds(5, 1_000, 0, 0, 20);

    private final EngineHealth engine = mock(EngineHealth.class);
    private final HealthLooks looks = new HealthLooks(engine);

    private static HealthSample sample(int second) {
        return new HealthSample(Instant.parse("2026-11-25T10:00:00Z").plusSeconds(second),
                Map.of("pod-a", new HealthSample.PodLook("chat-v1-a", true, 0, null, null)), Map.of("pod-a", 0));
    }

    @Test
    void theFirstLookIsOnlyABaselineAndEachLaterLookIsJudgedSinceThePreviousOne() {
        HealthSample first = sample(0);
        HealthSample second = sample(10);
        HealthSample third = sample(20);
        when(engine.firstLook(V1)).thenReturn(first);
        when(engine.look(V1, first)).thenReturn(second);
        when(engine.look(V1, second)).thenReturn(third);
        when(engine.judge(first, second, THRESHOLDS)).thenReturn(HealthVerdict.healthy("10 s"));
        when(engine.judge(second, third, THRESHOLDS)).thenReturn(HealthVerdict.unhealthy("error rate 50% over 10 s > 5%"));

        HealthVerdict baseline = looks.look(V1, THRESHOLDS);
        HealthVerdict healthy = looks.look(V1, THRESHOLDS);
        HealthVerdict unhealthy = looks.look(V1, THRESHOLDS);

        assertThat(baseline.state()).isEqualTo(HealthVerdict.State.INCONCLUSIVE);
        assertThat(baseline.reason()).isEqualTo("first look at 1 pods: the window begins here");
        assertThat(healthy.healthy()).isTrue();
        assertThat(unhealthy.reason()).isEqualTo("error rate 50% over 10 s > 5%");
        verify(engine, times(1)).firstLook(V1);
    }

    @Test
    void aForgottenVersionStartsAgainFromABaseline() {
        when(engine.firstLook(V1)).thenReturn(sample(0));
        looks.look(V1, THRESHOLDS);

        looks.forget(V1);

        assertThat(looks.look(V1, THRESHOLDS).state()).isEqualTo(HealthVerdict.State.INCONCLUSIVE);
        verify(engine, times(2)).firstLook(V1);
        verify(engine, never()).judge(any(), any(), any());
    }
}
