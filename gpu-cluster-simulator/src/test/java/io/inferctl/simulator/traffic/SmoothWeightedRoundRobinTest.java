package io.inferctl.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmoothWeightedRoundRobinTest {

    private final SmoothWeightedRoundRobin chooser = new SmoothWeightedRoundRobin();

    @Test
    void picksEachKeyItsWeightTimesPerCycleInterleaved() {
        Map<String, Long> weights = weights(5, 1, 1);

        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            picks.add(chooser.next(weights));
        }

        assertThat(picks).containsExactly("a", "a", "b", "a", "c", "a", "a");
    }

    @Test
    void aZeroWeightIsNeverPickedAndAllZeroPicksNothing() {
        for (int i = 0; i < 10; i++) {
            assertThat(chooser.next(weights(0, 3, 0))).isEqualTo("b");
        }
        assertThat(chooser.next(weights(0, 0, 0))).isNull();
    }

    @Test
    void newWeightsStartANewCycle() {
        chooser.next(weights(1, 1, 0));

        assertThat(chooser.next(weights(0, 0, 1))).isEqualTo("c");
    }

    private static Map<String, Long> weights(long a, long b, long c) {
        Map<String, Long> weights = new LinkedHashMap<>();
        weights.put("a", a);
        weights.put("b", b);
        weights.put("c", c);
        return weights;
    }
}
