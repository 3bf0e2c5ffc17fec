package io.inferctl.worker.rollout.health;

import java.time.Duration;
import java.util.Map;

/**
 * A version's health between two looks: what its engines did (requests, errors, p99 from the
 * histogram's growth) and how its pods stand at the later look. Only pods read at both looks, or new
 * since the first (whose counters began at zero), count towards the engine figures: a pod unread at
 * the first look has counters from before the window.
 *
 * @param duration      time between the looks
 * @param requests      requests finished in the window
 * @param errors        failed ones, or null when the engine does not count failures
 * @param p99Seconds    99th percentile of request duration, NaN without requests
 * @param pods          pods of the version at the later look
 * @param podsNotReady  of them, not ready
 * @param restarts      container restarts since the first look of the watch
 * @param unreadablePods ready pods whose metrics could not be read at the later look
 */
public record HealthWindow(Duration duration, double requests, Double errors, double p99Seconds, int pods,
                           int podsNotReady, int restarts, int unreadablePods) {

    private static final double P99 = 0.99;

    public static HealthWindow between(HealthSample from, HealthSample to, boolean countsErrors) {
        PodMetrics total = PodMetrics.none(countsErrors);
        int notReady = 0;
        int restarts = 0;
        int unreadable = 0;
        for (Map.Entry<String, HealthSample.PodLook> entry : to.pods().entrySet()) {
            HealthSample.PodLook now = entry.getValue();
            notReady += now.ready() ? 0 : 1;
            restarts += Math.max(0, now.restarts() - to.restartBaseline().getOrDefault(entry.getKey(), 0));
            unreadable += now.unreadable() != null ? 1 : 0;
            HealthSample.PodLook before = from.pods().get(entry.getKey());
            if (now.metrics() == null) {
                continue;
            }
            if (before == null) {
                total = total.plus(now.metrics());
            } else if (before.metrics() != null) {
                total = total.plus(now.metrics().since(before.metrics()));
            }
        }
        return new HealthWindow(Duration.between(from.at(), to.at()), total.requests(), total.errors(),
                HistogramQuantile.quantile(P99, total.buckets()), to.pods().size(), notReady, restarts, unreadable);
    }

    /** Failed requests in percent of all, or NaN when nothing was counted. */
    public double errorRatePercent() {
        return errors == null || requests <= 0 ? Double.NaN : 100.0 * errors / requests;
    }
}
