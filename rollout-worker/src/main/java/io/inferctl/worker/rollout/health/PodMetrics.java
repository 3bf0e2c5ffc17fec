package io.inferctl.worker.rollout.health;

import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One pod's engine counters at one scrape.
 *
 * @param requests requests finished, failed ones included
 * @param errors   failed requests, or null when the engine does not count them
 * @param buckets  the request-duration histogram's cumulative counts by upper bound in seconds
 */
public record PodMetrics(double requests, Double errors, NavigableMap<Double, Double> buckets) {

    public PodMetrics {
        buckets = new TreeMap<>(buckets);
    }

    /** The counters {@code names} select on one metrics page; a missing series reads as zero (a fresh engine). */
    public static PodMetrics read(List<PrometheusText.Sample> page, EngineMetricNames names) {
        SeriesSelector requests = SeriesSelector.parse(names.requests());
        SeriesSelector errors = SeriesSelector.parse(names.errors());
        SeriesSelector buckets = SeriesSelector.parse(names.duration()).withSuffix("_bucket");
        NavigableMap<Double, Double> counts = new TreeMap<>();
        for (PrometheusText.Sample sample : page) {
            String le = sample.labels().get("le");
            if (le != null && buckets.matches(sample)) {
                try {
                    counts.merge(PrometheusText.value(le), sample.value(), Double::sum);
                } catch (NumberFormatException e) {
                    // not a bucket bound: a series of another shape under the same name is not ours to read
                }
            }
        }
        Double requested = requests.sum(page);
        return new PodMetrics(requested == null ? 0 : requested,
                errors.isEmpty() ? null : orZero(errors.sum(page)), counts);
    }

    /**
     * What happened between {@code earlier} and this scrape. A counter that fell was reset (the
     * engine restarted), so all of its current value is new, as Prometheus's {@code increase} counts it.
     */
    public PodMetrics since(PodMetrics earlier) {
        NavigableMap<Double, Double> delta = new TreeMap<>();
        buckets.forEach((le, count) -> delta.put(le, increase(earlier.buckets.getOrDefault(le, 0.0), count)));
        return new PodMetrics(increase(earlier.requests, requests),
                errors == null ? null : increase(earlier.errors == null ? 0 : earlier.errors, errors), delta);
    }

    /** The two added up, bucket by bucket: a version's pods together. */
    public PodMetrics plus(PodMetrics other) {
        NavigableMap<Double, Double> sum = new TreeMap<>(buckets);
        other.buckets.forEach((le, count) -> sum.merge(le, count, Double::sum));
        Double errorSum = errors == null && other.errors == null ? null
                : orZero(errors) + orZero(other.errors);
        return new PodMetrics(requests + other.requests, errorSum, sum);
    }

    public static PodMetrics none(boolean countsErrors) {
        return new PodMetrics(0, countsErrors ? 0.0 : null, new TreeMap<>());
    }

    private static double increase(double before, double now) {
        return now >= before ? now - before : now;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
