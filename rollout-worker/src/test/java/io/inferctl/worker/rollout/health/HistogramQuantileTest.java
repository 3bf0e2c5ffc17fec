package io.inferctl.worker.rollout.health;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Prometheus's histogram_quantile, checked on figures worked out by hand. */
class HistogramQuantileTest {

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Offset<Double> EXACT = Offset.offset(1e-9);

    private static TreeMap<Double, Double> buckets(Map<Double, Double> counts) {
        return new TreeMap<>(counts);
    }

    @Test
    void interpolatesLinearlyInsideTheBucketTheRankFallsIn() {
        // 100 requests: 50 up to 0.1 s, 40 in (0.1, 0.5], 10 in (0.5, 1]. p99 has rank 99: 9 of the last 10.
        var histogram = buckets(Map.of(0.1, 50.0, 0.5, 90.0, 1.0, 100.0, INF, 100.0));

        assertThat(HistogramQuantile.quantile(0.99, histogram)).isCloseTo(0.5 + 0.5 * 9 / 10, EXACT);
        assertThat(HistogramQuantile.quantile(0.5, histogram)).isCloseTo(0.1, EXACT);
        assertThat(HistogramQuantile.quantile(0.25, histogram)).as("the first bucket starts at 0")
                .isCloseTo(0.05, EXACT);
    }

    @Test
    void aRankInTheInfBucketAnswersTheHighestFiniteBound() {
        var histogram = buckets(Map.of(0.1, 10.0, 1.0, 50.0, INF, 100.0));

        assertThat(HistogramQuantile.quantile(0.99, histogram)).isEqualTo(1.0);
    }

    @Test
    void nothingCountedOrNoInfBucketIsNotANumber() {
        assertThat(HistogramQuantile.quantile(0.99, buckets(Map.of(0.1, 0.0, INF, 0.0)))).isNaN();
        assertThat(HistogramQuantile.quantile(0.99, buckets(Map.of(0.1, 5.0)))).isNaN();
        assertThat(HistogramQuantile.quantile(0.99, buckets(Map.of()))).isNaN();
    }

    @Test
    void aCountThatFallsWithAHigherBoundIsRaisedToTheOneBelow() {
        // Pods scraped at slightly different moments: 0.5 shows fewer than 0.1. Treated as 50, like Prometheus.
        var histogram = buckets(Map.of(0.1, 50.0, 0.5, 48.0, 1.0, 100.0, INF, 100.0));

        assertThat(HistogramQuantile.quantile(0.75, histogram)).isCloseTo(0.5 + 0.5 * 25 / 50, EXACT);
    }
}
