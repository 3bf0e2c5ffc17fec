package io.inferctl.worker.rollout.health;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Where a version stops being healthy. Pods are judged first, whatever the traffic: a pod not ready or
 * a restarting engine is bad news even with no request. The engine's figures are judged only from
 * {@code minRequests} requests in the window on; below that the verdict is inconclusive.
 *
 * @param maxErrorRatePercent failed requests in percent of all, at most
 * @param maxP99Millis        99th percentile of request duration, at most
 * @param maxRestarts         container restarts since the first look, at most
 * @param maxPodsNotReady     pods not ready at a look, at most
 * @param minRequests         requests a window needs before its error rate and latency count
 */
public record HealthThresholds(double maxErrorRatePercent, long maxP99Millis, int maxRestarts, int maxPodsNotReady,
                               long minRequests) {

    public HealthThresholds {
        if (maxErrorRatePercent < 0 || maxP99Millis <= 0 || maxRestarts < 0 || maxPodsNotReady < 0 || minRequests < 1) {
            throw new IllegalArgumentException("thresholds must be >= 0, maxP99Millis and minRequests >= 1");
        }
    }

    public HealthVerdict judge(HealthWindow window) {
        String over = " over " + seconds(window.duration());
        if (window.podsNotReady() > maxPodsNotReady) {
            return HealthVerdict.unhealthy(window.podsNotReady() + " of " + window.pods() + " pods not ready > "
                    + maxPodsNotReady + " allowed");
        }
        if (window.restarts() > maxRestarts) {
            return HealthVerdict.unhealthy(window.restarts() + " container restarts since the first look > "
                    + maxRestarts + " allowed");
        }
        if (window.requests() < minRequests) {
            return HealthVerdict.inconclusive(number(window.requests()) + " requests" + over + ", fewer than the "
                    + minRequests + " a verdict needs" + (window.unreadablePods() > 0
                    ? " (" + window.unreadablePods() + " pods' metrics could not be read)" : ""));
        }
        double errorRate = window.errorRatePercent();
        if (!Double.isNaN(errorRate) && errorRate > maxErrorRatePercent) {
            return HealthVerdict.unhealthy("error rate " + number(errorRate) + "%" + over + " > "
                    + number(maxErrorRatePercent) + "%");
        }
        double p99Millis = window.p99Seconds() * 1000;
        if (p99Millis > maxP99Millis) {
            return HealthVerdict.unhealthy("p99 latency " + number(p99Millis) + " ms" + over + " > " + maxP99Millis
                    + " ms");
        }
        return HealthVerdict.healthy((Double.isNaN(errorRate) ? "" : "error rate " + number(errorRate) + "%, ")
                + "p99 latency " + (Double.isNaN(p99Millis) ? "unknown" : number(p99Millis) + " ms") + over + ", "
                + number(window.requests()) + " requests");
    }

    private static String seconds(Duration duration) {
        return number(duration.toMillis() / 1000.0) + " s";
    }

    /** At most one decimal, none when it is zero: 12.5, 5, 0.3. */
    private static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "unknown";
        }
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
