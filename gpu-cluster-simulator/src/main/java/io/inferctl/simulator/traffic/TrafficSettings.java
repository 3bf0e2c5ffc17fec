package io.inferctl.simulator.traffic;

import java.time.Duration;

/**
 * The synthetic request load every endpoint receives, and how its healthy engines answer.
 *
 * @param requestsPerSecond requests each endpoint receives per second; 0 turns the load off
 * @param tick              how often the load sends the requests due since the last tick, and samples
 *                          whether an endpoint has a ready backend
 * @param latency           a healthy engine's typical latency; each request takes between 0.8 and 1.2 times it
 * @param endpointLabel     the label that names an endpoint on its Services and HTTPRoute (the worker's
 *                          {@code inferctl.io/endpoint-id}); objects without it are their own endpoint
 * @param versionLabel      the label of a Service's selector that names the version it selects (the
 *                          worker's {@code inferctl.io/version}); without it the Service's name is the version
 * @param seed              seed of the latency jitter, so runs are repeatable
 */
public record TrafficSettings(int requestsPerSecond, Duration tick, Duration latency, String endpointLabel,
        String versionLabel, long seed) {

    private static final int REQUESTS_PER_SECOND = 20;
    private static final Duration TICK = Duration.ofMillis(100);
    private static final Duration LATENCY = Duration.ofMillis(40);
    private static final long SEED = 42;

    public TrafficSettings {
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0");
        }
        if (tick.isNegative() || tick.isZero() || latency.isNegative()) {
            throw new IllegalArgumentException("tick must be positive and latency not negative");
        }
    }

    public static TrafficSettings defaults() {
        return new TrafficSettings(REQUESTS_PER_SECOND, TICK, LATENCY, "inferctl.io/endpoint-id",
                "inferctl.io/version", SEED);
    }

    public TrafficSettings withRequestsPerSecond(int value) {
        return new TrafficSettings(value, tick, latency, endpointLabel, versionLabel, seed);
    }

    public TrafficSettings withTick(Duration value) {
        return new TrafficSettings(requestsPerSecond, value, latency, endpointLabel, versionLabel, seed);
    }

    public TrafficSettings withLatency(Duration value) {
        return new TrafficSettings(requestsPerSecond, tick, value, endpointLabel, versionLabel, seed);
    }
}
