package io.inferctl.simulator.traffic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.Json;
import java.util.List;
import java.util.Locale;

/** Request durations in Prometheus's cumulative buckets, with their sum and count. Not thread-safe. */
final class LatencyHistogram {

    /** Upper bounds in seconds, as an inference engine's request-duration histogram has them. */
    static final List<Double> BOUNDS = List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0);

    private final long[] counts = new long[BOUNDS.size()];
    private long count;
    private double sumSeconds;

    void observe(long millis) {
        double seconds = millis / 1000.0;
        for (int i = 0; i < BOUNDS.size(); i++) {
            if (seconds <= BOUNDS.get(i)) {
                counts[i]++;
            }
        }
        count++;
        sumSeconds += seconds;
    }

    long count() {
        return count;
    }

    /** The {@code _bucket}, {@code _sum} and {@code _count} lines of histogram {@code name}. */
    void appendPrometheus(StringBuilder out, String name) {
        for (int i = 0; i < BOUNDS.size(); i++) {
            out.append(name).append("_bucket{le=\"").append(format(BOUNDS.get(i))).append("\"} ").append(counts[i])
                    .append('\n');
        }
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(count).append('\n');
        out.append(name).append("_sum ").append(format(sumSeconds)).append('\n');
        out.append(name).append("_count ").append(count).append('\n');
    }

    /** Cumulative counts by upper bound in seconds, for the admin API. */
    ObjectNode toJson() {
        ObjectNode json = Json.object();
        ObjectNode buckets = json.putObject("buckets");
        for (int i = 0; i < BOUNDS.size(); i++) {
            buckets.put(format(BOUNDS.get(i)), counts[i]);
        }
        buckets.put("+Inf", count);
        json.put("sumSeconds", sumSeconds);
        json.put("count", count);
        return json;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
