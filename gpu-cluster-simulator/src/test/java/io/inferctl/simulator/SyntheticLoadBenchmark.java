package io.inferctl.simulator;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.inferctl.simulator.cluster.ClusterShape;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What the synthetic load costs the simulator: one tick's fixed cost (reading routes, Services and pods,
 * sampling readiness) and the cost per request, with {@code benchmark.endpoints} endpoints of two ready
 * pods behind a route each; then the load thread's CPU at the default rate. Prints figures, asserts none.
 *
 * <pre>./mvnw -B -o -q -pl gpu-cluster-simulator test -Dtest=SyntheticLoadBenchmark -Dbenchmark=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbenchmark.endpoints=50] [-Dbenchmark.seconds=5]</pre>
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class SyntheticLoadBenchmark {

    private static final int ENDPOINTS = Integer.getInteger("benchmark.endpoints", 50);
    private static final int SECONDS = Integer.getInteger("benchmark.seconds", 5);
    private static final int PODS_PER_ENDPOINT = 2;
    private static final int ROUNDS = 200;
    private static final int REQUESTS_PER_ROUND = 20;
    private static final int GPUS_PER_NODE = 8;

    @Test
    void syntheticLoadCost() {
        int nodes = (ENDPOINTS * PODS_PER_ENDPOINT + GPUS_PER_NODE - 1) / GPUS_PER_NODE;
        try (GpuClusterSimulator sim = GpuClusterSimulator.builder()
                .shape(ClusterShape.parse(nodes + "xNVIDIA_H100:" + GPUS_PER_NODE)).forTests().requestsPerSecond(0)
                .build().start()) {
            KubernetesClient client = sim.client();
            for (int i = 0; i < ENDPOINTS; i++) {
                String name = "ep" + i;
                client.apps().deployments().resource(Workloads.deployment(name, 0, PODS_PER_ENDPOINT,
                        Workloads.engineSpec("NVIDIA_H100", 1))).create();
                client.services().resource(Workloads.service(name + "-v0", Map.of(Workloads.ENDPOINT_LABEL, name,
                        Workloads.VERSION_LABEL, "0"))).create();
                client.resources(HTTPRoute.class).resource(Routes.route(name, Map.of(name + "-v0", 1))).create();
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> client.pods().list().getItems().stream()
                    .filter(p -> p.getStatus().getConditions().stream()
                            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                    .count() == (long) ENDPOINTS * PODS_PER_ENDPOINT);

            sim.traffic().send(0);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long loadThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("gpu-sim-traffic")).findFirst().orElseThrow().getId();
            for (int warmup = 0; warmup < ROUNDS; warmup++) {
                sim.traffic().send(REQUESTS_PER_ROUND);
            }
            double tickMs = averageCpuMillis(threads, loadThread, () -> sim.traffic().send(0));
            double roundMs = averageCpuMillis(threads, loadThread, () -> sim.traffic().send(REQUESTS_PER_ROUND));
            double perRequestUs = (roundMs - tickMs) * 1000 / (ENDPOINTS * REQUESTS_PER_ROUND);
            sim.traffic().setRequestsPerSecond(20);
            long cpuBefore = threads.getThreadCpuTime(loadThread);
            long wallBefore = System.nanoTime();
            await().pollDelay(Duration.ofSeconds(SECONDS)).atMost(Duration.ofSeconds(SECONDS + 1)).until(() -> true);
            double cpuShare = (threads.getThreadCpuTime(loadThread) - cpuBefore) / (double) (System.nanoTime() - wallBefore);

            System.out.printf("synthetic load, %d endpoints x %d ready pods behind a route each:%n", ENDPOINTS,
                    PODS_PER_ENDPOINT);
            System.out.printf("  one tick without requests (read objects, sample readiness): %.2f ms CPU (mean of %d, "
                    + "after %d warm-up rounds)%n", tickMs, ROUNDS, ROUNDS);
            System.out.printf("  one request (route, pick pod, engine answer, count): %.2f us CPU%n", perRequestUs);
            System.out.printf("  at 20 requests/s per endpoint (%d requests/s, ticks every 100 ms): %.1f%% of one core "
                    + "over %d s%n", ENDPOINTS * 20, cpuShare * 100, SECONDS);
        }
    }

    /** CPU of the load's own thread, not wall time: the machine is shared, and the rounds run on that thread. */
    private static double averageCpuMillis(ThreadMXBean threads, long loadThread, Runnable round) {
        long started = threads.getThreadCpuTime(loadThread);
        for (int i = 0; i < ROUNDS; i++) {
            round.run();
        }
        return (threads.getThreadCpuTime(loadThread) - started) / 1e6 / ROUNDS;
    }
}
