package io.inferctl.worker.rollout.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metric name with optional exact label matches, as configured: {@code inferctl_engine_requests_total}
 * or {@code http_requests_total{handler="/v1/chat/completions",status="5xx"}}. It adds up every series
 * that matches, so a counter split by a label the worker does not care about (vLLM's
 * {@code finished_reason}, {@code model_name}) counts as one.
 */
public record SeriesSelector(String name, Map<String, String> labels) {

    public SeriesSelector {
        labels = Map.copyOf(labels);
    }

    /** Parses the configured form; an empty text selects nothing. */
    public static SeriesSelector parse(String text) {
        String trimmed = text.strip();
        int brace = trimmed.indexOf('{');
        if (brace < 0) {
            return new SeriesSelector(trimmed, Map.of());
        }
        if (!trimmed.endsWith("}")) {
            throw new IllegalArgumentException("a series selector ends with '}': " + text);
        }
        List<PrometheusText.Sample> parsed = PrometheusText.parse(trimmed + " 0");
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("not a series selector: " + text);
        }
        return new SeriesSelector(parsed.get(0).name(), new LinkedHashMap<>(parsed.get(0).labels()));
    }

    public boolean isEmpty() {
        return name.isEmpty();
    }

    /** The same labels on the series {@code name + suffix}: a histogram's {@code _bucket}, {@code _count}. */
    public SeriesSelector withSuffix(String suffix) {
        return new SeriesSelector(name + suffix, labels);
    }

    public boolean matches(PrometheusText.Sample sample) {
        return sample.name().equals(name)
                && labels.entrySet().stream().allMatch(l -> l.getValue().equals(sample.labels().get(l.getKey())));
    }

    /** The sum of the matching series, or null when none matches (the engine does not expose it). */
    public Double sum(List<PrometheusText.Sample> samples) {
        Double sum = null;
        for (PrometheusText.Sample sample : samples) {
            if (matches(sample)) {
                sum = (sum == null ? 0 : sum) + sample.value();
            }
        }
        return sum;
    }
}
