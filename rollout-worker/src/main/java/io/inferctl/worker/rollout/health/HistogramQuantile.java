package io.inferctl.worker.rollout.health;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Prometheus's {@code histogram_quantile}: finds the bucket the quantile's rank falls in and
 * interpolates linearly inside it, assuming observations spread evenly in the bucket. The lowest
 * bucket starts at 0; a rank in the {@code +Inf} bucket answers the highest finite bound (nothing
 * better is known). Counts that fall with a higher bound (scrapes of pods taken at different moments)
 * are raised to the count below, as Prometheus does.
 */
public final class HistogramQuantile {

    private HistogramQuantile() {
    }

    /**
     * @param q       the quantile, 0..1
     * @param buckets cumulative counts by upper bound, {@code +Inf} included
     * @return the estimate, or NaN when the histogram counted nothing or has no {@code +Inf} bucket
     */
    public static double quantile(double q, NavigableMap<Double, Double> buckets) {
        if (buckets.isEmpty() || buckets.lastKey() != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        double total = 0;
        for (double count : buckets.values()) {
            total = Math.max(total, count);
        }
        if (total <= 0) {
            return Double.NaN;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        double highestFinite = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double upper = bucket.getKey();
            double count = Math.max(bucket.getValue(), lowerCount);
            if (upper == Double.POSITIVE_INFINITY) {
                return highestFinite;
            }
            if (count >= rank) {
                if (count == lowerCount) {
                    return upper;
                }
                double start = upper <= 0 ? upper : lowerBound;
                return start + (upper - start) * (rank - lowerCount) / (count - lowerCount);
            }
            lowerBound = upper;
            lowerCount = count;
            highestFinite = upper;
        }
        return highestFinite;
    }
}
