package io.inferctl.worker.rollout.health;

import io.inferctl.worker.rollout.kubernetes.TrafficSplit;
import io.inferctl.worker.support.CanaryEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.inferctl.worker.support.CanaryEndpoint.V0;
import static io.inferctl.worker.support.CanaryEndpoint.V1;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the canary's building blocks cost on the simulated cluster: a traffic shift (apply of two
 * Services and the route, then the wait for the gateway's acceptance of the new generation) and a
 * health look at a version of two pods (list pods, two pod-proxy scrapes, parse). The first part of
 * "time from a canary going bad to traffic back on the serving version" is the health signal's
 * sampling interval; these are the rest. Run with
 * {@code ./mvnw -B -o -pl rollout-worker -am test -Dtest=CanaryBlocksBenchmark -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (optionally {@code -Dbenchmark.rounds=200}).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class CanaryBlocksBenchmark {

    @Test
    void shiftAndLookLatencies() {
        int rounds = Integer.getInteger("benchmark.rounds", 100);
        try (CanaryEndpoint endpoint = new CanaryEndpoint()) {
            endpoint.version(V0, 1);
            endpoint.version(V1, 2);
            TrafficSplit split = new TrafficSplit(endpoint.sim().client(), endpoint.kubernetes(), endpoint.gateway(Map.of()));
            EngineHealth health = new EngineHealth(endpoint.sim().client(), endpoint.kubernetes(),
                    CanaryEndpoint.bind("inferctl.rollout.health.metrics", EngineMetricNames.class, Map.of()),
                    Clock.systemUTC());
            for (int i = 0; i < 10; i++) {
                split.shift(V0, V1, i % 2 == 0 ? 10 : 50);
                health.firstLook(V1);
            }

            List<Long> shifts = new ArrayList<>();
            List<Long> repeats = new ArrayList<>();
            List<Long> looks = new ArrayList<>();
            HealthSample first = health.firstLook(V1);
            for (int i = 0; i < rounds; i++) {
                int percent = i % 2 == 0 ? 10 : 50;
                long start = System.nanoTime();
                split.shift(V0, V1, percent);
                shifts.add(System.nanoTime() - start);
                start = System.nanoTime();
                split.shift(V0, V1, percent);
                repeats.add(System.nanoTime() - start);
                endpoint.sim().traffic().send(20);
                start = System.nanoTime();
                HealthSample next = health.look(V1, first);
                looks.add(System.nanoTime() - start);
                assertThat(health.window(first, next).requests()).isPositive();
            }
            print("traffic shift (new weights, apply + accepted)", shifts);
            print("traffic shift repeated (same weights)", repeats);
            print("health look at 2 pods (list + 2 pod-proxy scrapes)", looks);
        }
    }

    private static void print(String what, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("BENCHMARK %s over %d: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, sorted.size(),
                millis(sorted, 0.50), millis(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double millis(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }
}
