package io.inferctl.bench;

import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/** Latencies recorded from many threads, read as milliseconds. */
final class Latency {

    private final Recorder recorder = new Recorder(3);
    private Histogram total;

    void recordNanos(long nanos) {
        recorder.recordValue(Math.max(1, nanos / 1_000));
    }

    void recordMillis(long millis) {
        recorder.recordValue(Math.max(1, millis * 1_000));
    }

    private synchronized Histogram histogram() {
        Histogram interval = recorder.getIntervalHistogram();
        if (total == null) {
            total = interval;
        } else {
            total.add(interval);
        }
        return total;
    }

    long count() {
        return histogram().getTotalCount();
    }

    double percentileMillis(double percentile) {
        return histogram().getValueAtPercentile(percentile) / 1_000.0;
    }

    double maxMillis() {
        return histogram().getMaxValue() / 1_000.0;
    }

    /** "p50 1.2 ms, p99 4.5 ms, max 9.1 ms (n=1000)". */
    String summary() {
        if (count() == 0) {
            return "no samples";
        }
        return "p50 " + Report.millis(percentileMillis(50)) + ", p99 " + Report.millis(percentileMillis(99))
                + ", max " + Report.millis(maxMillis()) + " (n=" + count() + ")";
    }
}
