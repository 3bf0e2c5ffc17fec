package io.inferctl.simulator.traffic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the synthetic load saw, per endpoint and per version: requests, failures by kind, latency, and
 * the moments (load ticks) at which no ready pod could take the traffic. The assertions a rollout test
 * makes ("no failed request attributed to the serving version", "never zero ready backends") read it.
 */
public final class TrafficStats {

    /** An engine answered with an error. */
    public static final String ENGINE_ERROR = "engine_error";
    /** The version the request was routed to had no ready pod. */
    public static final String NO_BACKEND = "no_backend";

    /** One version's figures at the time of reading. */
    public record VersionTraffic(long requests, long engineErrors, long noBackend, long zeroReadyMoments) {

        public long failures() {
            return engineErrors + noBackend;
        }
    }

    /** One endpoint's figures: moments with no ready backend at all, and each version's. */
    public record EndpointTraffic(long zeroReadyMoments, Instant lastZeroReadyAt, Map<String, VersionTraffic> versions) {

        public VersionTraffic version(String version) {
            return versions.getOrDefault(version, new VersionTraffic(0, 0, 0, 0));
        }
    }

    private static final class VersionCounters {
        long requests;
        final Map<String, Long> failures = new TreeMap<>();
        final LatencyHistogram latency = new LatencyHistogram();
        long zeroReadyMoments;
    }

    private static final class EndpointCounters {
        long zeroReadyMoments;
        Instant lastZeroReadyAt;
        final Map<String, VersionCounters> versions = new TreeMap<>();
    }

    private final Map<String, EndpointCounters> endpoints = new TreeMap<>();

    synchronized void served(String endpoint, String version, long latencyMs, boolean failed) {
        VersionCounters counters = version(endpoint, version);
        counters.requests++;
        counters.latency.observe(latencyMs);
        if (failed) {
            counters.failures.merge(ENGINE_ERROR, 1L, Long::sum);
        }
    }

    synchronized void noBackend(String endpoint, String version) {
        VersionCounters counters = version(endpoint, version);
        counters.requests++;
        counters.failures.merge(NO_BACKEND, 1L, Long::sum);
    }

    synchronized void versionHadNoReadyPod(String endpoint, String version) {
        version(endpoint, version).zeroReadyMoments++;
    }

    synchronized void endpointHadNoReadyPod(String endpoint, Instant now) {
        EndpointCounters counters = endpoints.computeIfAbsent(endpoint, e -> new EndpointCounters());
        counters.zeroReadyMoments++;
        counters.lastZeroReadyAt = now;
    }

    /** @param endpoint {@code <namespace>/<endpoint>} */
    public synchronized Optional<EndpointTraffic> endpoint(String endpoint) {
        EndpointCounters counters = endpoints.get(endpoint);
        if (counters == null) {
            return Optional.empty();
        }
        Map<String, VersionTraffic> versions = new LinkedHashMap<>();
        counters.versions.forEach((name, v) -> versions.put(name, new VersionTraffic(v.requests,
                v.failures.getOrDefault(ENGINE_ERROR, 0L), v.failures.getOrDefault(NO_BACKEND, 0L), v.zeroReadyMoments)));
        return Optional.of(new EndpointTraffic(counters.zeroReadyMoments, counters.lastZeroReadyAt, Map.copyOf(versions)));
    }

    public synchronized void reset() {
        endpoints.clear();
    }

    /** Every endpoint's figures, for the admin API. */
    public synchronized ObjectNode toJson() {
        ObjectNode json = Json.object();
        ArrayNode list = json.putArray("endpoints");
        endpoints.forEach((key, counters) -> {
            ObjectNode endpoint = list.addObject();
            endpoint.put("namespace", key.substring(0, key.indexOf('/')));
            endpoint.put("endpoint", key.substring(key.indexOf('/') + 1));
            endpoint.put("requests", counters.versions.values().stream().mapToLong(v -> v.requests).sum());
            endpoint.put("zeroReadyBackendMoments", counters.zeroReadyMoments);
            if (counters.lastZeroReadyAt != null) {
                endpoint.put("lastZeroReadyBackendAt", Json.time(counters.lastZeroReadyAt));
            }
            ArrayNode versions = endpoint.putArray("versions");
            counters.versions.forEach((name, v) -> {
                ObjectNode version = versions.addObject();
                version.put("version", name);
                version.put("requests", v.requests);
                ObjectNode failures = version.putObject("failures");
                failures.put(ENGINE_ERROR, v.failures.getOrDefault(ENGINE_ERROR, 0L));
                failures.put(NO_BACKEND, v.failures.getOrDefault(NO_BACKEND, 0L));
                version.put("zeroReadyBackendMoments", v.zeroReadyMoments);
                version.set("latency", v.latency.toJson());
            });
        });
        return json;
    }

    private VersionCounters version(String endpoint, String version) {
        return endpoints.computeIfAbsent(endpoint, e -> new EndpointCounters()).versions
                .computeIfAbsent(version, v -> new VersionCounters());
    }
}
