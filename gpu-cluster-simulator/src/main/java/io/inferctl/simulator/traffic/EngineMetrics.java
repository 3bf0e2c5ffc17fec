package io.inferctl.simulator.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.store.Meta;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Each pod's engine metrics, as an inference engine exposes them on {@code /metrics} in Prometheus text
 * format: requests, failed requests and a request-duration histogram. Counters belong to one pod (by
 * uid) and only grow; a pod that is gone takes its counters with it, as a restarted process would.
 */
public final class EngineMetrics {

    public static final String REQUESTS = "inferctl_engine_requests_total";
    public static final String ERRORS = "inferctl_engine_request_errors_total";
    public static final String DURATION = "inferctl_engine_request_duration_seconds";
    /** The content type of Prometheus's text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final class PodCounters {
        long requests;
        long errors;
        final LatencyHistogram latency = new LatencyHistogram();
    }

    private final Map<String, PodCounters> pods = new HashMap<>();

    synchronized void record(JsonNode pod, EngineBehaviour.Answer answer) {
        PodCounters counters = pods.computeIfAbsent(Meta.uid(pod), uid -> new PodCounters());
        counters.requests++;
        if (answer.failed()) {
            counters.errors++;
        }
        counters.latency.observe(answer.latencyMs());
    }

    synchronized void retain(Set<String> podUids) {
        pods.keySet().retainAll(podUids);
    }

    /** The pod's {@code /metrics} page; a pod that has had no request yet shows zeros. */
    public synchronized String render(JsonNode pod) {
        PodCounters counters = pods.getOrDefault(Meta.uid(pod), new PodCounters());
        StringBuilder out = new StringBuilder();
        out.append("# HELP ").append(REQUESTS).append(" Requests the engine finished, failed ones included.\n");
        out.append("# TYPE ").append(REQUESTS).append(" counter\n");
        out.append(REQUESTS).append(' ').append(counters.requests).append('\n');
        out.append("# HELP ").append(ERRORS).append(" Requests the engine answered with an error.\n");
        out.append("# TYPE ").append(ERRORS).append(" counter\n");
        out.append(ERRORS).append(' ').append(counters.errors).append('\n');
        out.append("# HELP ").append(DURATION).append(" Time from receiving a request to its last byte.\n");
        out.append("# TYPE ").append(DURATION).append(" histogram\n");
        counters.latency.appendPrometheus(out, DURATION);
        return out.toString();
    }
}
