package io.inferctl.worker.rollout;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.inferctl.simulator.GpuClusterSimulator;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.worker.support.ClusterView;
import io.inferctl.worker.support.CommandSide;
import io.inferctl.worker.support.HaltingWorker;
import io.inferctl.worker.support.RunningWorker;
import io.inferctl.worker.support.TestStack;
import io.inferctl.worker.support.TrafficProbe;
import io.inferctl.worker.support.WorkerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash safety of the canary's steps, as {@link CrashSafetyTest} for the blue/green ones: the worker
 * halts right after a split was shifted (or ended), before the saga recorded it; a worker started
 * again on the same database finishes the canary with one outcome and no route left behind.
 */
class CanaryCrashSafetyTest {

    private static final String DATABASE = "worker_canary_crash_tests";
    private static final Duration OUTCOME = Duration.ofSeconds(90);

    private static GpuClusterSimulator cluster;
    private static Path kubeconfig;
    private static CommandSide commands;
    private static ClusterView view;
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        // Enough load that 10% of it gives a health look its 5 requests within a second.
        cluster = GpuClusterSimulator.builder().shape(ClusterShape.parse(TestStack.SHAPE)).forTests()
                .requestsPerSecond(100).build().start();
        kubeconfig = TestStack.writeKubeconfig(cluster, "canary-crash");
        commands = new CommandSide(TestStack.commands());
        view = new ClusterView(cluster.client());
        worker = RunningWorker.start(properties());
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Map<String, Object> properties() {
        Map<String, Object> properties = TestStack.workerProperties(DATABASE, kubeconfig);
        properties.put("axon.eventhandling.tokenstore.claim-timeout", "2s");
        properties.put("db-scheduler.heartbeat-interval", "500ms");
        properties.put("db-scheduler.missed-heartbeats-limit", 4);
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", 2000);
        properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", 500);
        properties.put("inferctl.rollout.canary.health-interval", "1s");
        properties.put("inferctl.rollout.canary.min-requests", 5);
        return properties;
    }

    @ParameterizedTest(name = "halted after {0} #{1}")
    @CsvSource({
            "Cluster.splitTraffic, 1",
            "Cluster.splitTraffic, 2",
            "Cluster.endSplit,     1"
    })
    void aWorkerHaltedInACanaryIsRestartedAndTheCanaryEndsCurrentWithOneOutcome(String step, int times) throws Exception {
        String name = "canary-crash-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String id = commands.create(name, CommandSide.config());
        await().atMost(OUTCOME).until(() -> commands.outcome(id, 0) != null);
        assertThat(commands.outcome(id, 0).simpleType()).isEqualTo("RolloutSucceeded");
        worker.close();
        worker = null;

        try (TrafficProbe probe = new TrafficProbe(cluster.client(), name, ClusterView.VERSION)) {
            await().atMost(OUTCOME).until(probe::everReady);
            Map<String, Object> halting = properties();
            halting.put(HaltingWorker.HALT_AFTER, step);
            halting.put(HaltingWorker.HALT_AFTER_TIMES, times);
            Path log = Path.of("target", "crash-worker", name + ".log");
            Files.createDirectories(log.getParent());
            int v1;
            try (WorkerProcess crashing = WorkerProcess.start(halting, log)) {
                v1 = updateToCanary(id);
                await().atMost(OUTCOME).until(() -> !crashing.isAlive());
                assertThat(crashing.exitValue()).as("worker exit status; its log:%n%s", crashing.logTail())
                        .isEqualTo(HaltingWorker.EXIT_STATUS);
            } finally {
                if (worker == null) {
                    worker = RunningWorker.start(properties());
                }
            }

            await().atMost(OUTCOME).until(() -> commands.outcome(id, v1) != null);
            assertThat(commands.outcome(id, v1).simpleType()).isEqualTo("RolloutSucceeded");
            assertThat(commands.outcomes(id, v1)).as("outcomes recorded for v%d", v1).hasSize(1);
            assertThat(view.servedVersion(name)).isEqualTo(v1);
            assertThat(cluster.client().resources(HTTPRoute.class).inNamespace("default")
                    .withLabel(ClusterView.ENDPOINT_ID, id).list().getItems()).as("routes left").isEmpty();
            assertThat(probe.outages()).as("moments the Service had no ready endpoint or selected an unready version")
                    .isEmpty();
        }
        commands.delete(id);
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).isEmpty() && view.service(name) == null);
    }

    /** A new workload (two GPUs a replica), so the canary runs on a Deployment of its own. */
    private static int updateToCanary(String id) {
        return commands.update(id, Map.of("accelerator", Map.of("count", 2),
                "rollout", Map.of("strategy", "CANARY", "canarySteps", "10%:2s,50%:2s", "maxErrorRatePercent", 5)));
    }
}
