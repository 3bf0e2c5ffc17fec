package io.inferctl.systemtest;

import java.util.ArrayList;
import java.util.List;

/** Measured durations in milliseconds, summarised as the benchmarks print them: p50, p95, max. */
final class Latencies {

    private final List<Double> millis = new ArrayList<>();

    void add(double value) {
        millis.add(value);
    }

    int count() {
        return millis.size();
    }

    /** Nearest-rank percentile, so every figure printed is one that was measured. */
    double percentile(double p) {
        if (millis.isEmpty()) {
            throw new IllegalStateException("nothing measured");
        }
        List<Double> sorted = millis.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    double max() {
        return percentile(100);
    }

    @Override
    public String toString() {
        return "p50 %.0f ms, p95 %.0f ms, max %.0f ms (n=%d)".formatted(percentile(50), percentile(95), max(), count());
    }
}
