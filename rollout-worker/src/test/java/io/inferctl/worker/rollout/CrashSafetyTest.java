package io.inferctl.worker.rollout;

import io.inferctl.simulator.GpuClusterSimulator;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash safety: the worker runs as a process of its own and halts (no shutdown, no commit) right
 * after one rollout step's side effect, before the saga recorded it. A worker started again on the
 * same database must finish the rollout or compensate it: no orphan Deployment, the Service never
 * on a version that is not ready, exactly one outcome recorded by the command side.
 */
class CrashSafetyTest {

    private static final String DATABASE = "worker_crash_tests";
    private static final Duration OUTCOME = Duration.ofSeconds(90);

    private static GpuClusterSimulator cluster;
    private static CommandSide commands;
    private static ClusterView view;
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        cluster = TestStack.simulator();
        commands = new CommandSide(TestStack.commands());
        view = new ClusterView(cluster.client());
        worker = RunningWorker.start(properties());
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
    }

    /** Quick takeover of a dead worker's token claims, deadlines and partitions, so each crash heals in seconds. */
    private static Map<String, Object> properties() {
        Map<String, Object> properties = TestStack.workerProperties(DATABASE, TestStack.kubeconfig());
        properties.put("axon.eventhandling.tokenstore.claim-timeout", "2s");
        properties.put("db-scheduler.heartbeat-interval", "500ms");
        properties.put("db-scheduler.missed-heartbeats-limit", 4);
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", 2000);
        properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", 500);
        return properties;
    }

    @ParameterizedTest(name = "halted after {0}: {1}")
    @CsvSource({
            "CommandReports.started,   succeeds",
            "Cluster.applyVersion,     succeeds",
            "Cluster.routeTraffic,     succeeds",
            "CommandReports.succeeded, succeeds",
            "Cluster.removeVersion,    succeeds",
            "Cluster.removeVersion,    fails"
    })
    void aWorkerHaltedAfterAStepIsRestartedAndTheRolloutEndsCleanlyWithOneOutcome(String step, String expected) throws Exception {
        String name = "crash-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String id = commands.create(name, CommandSide.config());
        await().atMost(OUTCOME).until(() -> commands.outcome(id, 0) != null);
        assertThat(commands.outcome(id, 0).simpleType()).isEqualTo("RolloutSucceeded");
        worker.close();
        worker = null;

        try (TrafficProbe probe = new TrafficProbe(cluster.client(), name, ClusterView.VERSION)) {
            await().atMost(OUTCOME).until(probe::everReady);
            Map<String, Object> halting = properties();
            halting.put(HaltingWorker.HALT_AFTER, step);
            Path log = Path.of("target", "crash-worker", name + ".log");
            int v1;
            try (WorkerProcess crashing = WorkerProcess.start(halting, log)) {
                v1 = "fails".equals(expected)
                        // Gemma 2 9B has an 8192-token context: the engine refuses 16384.
                        ? commands.update(id, Map.of("model", Map.of("name", "gemma-2-9b-it", "source", "hf://google/gemma-2-9b-it"),
                                "engine", Map.of("maxContextLength", 16384)))
                        : commands.update(id, Map.of("accelerator", Map.of("count", 2)));
                await().atMost(OUTCOME).until(() -> !crashing.isAlive());
                assertThat(crashing.exitValue()).as("worker exit status; its log:%n%s", crashing.logTail())
                        .isEqualTo(HaltingWorker.EXIT_STATUS);
            }

            worker = RunningWorker.start(properties());

            await().atMost(OUTCOME).until(() -> commands.outcome(id, v1) != null);
            if ("succeeds".equals(expected)) {
                assertThat(commands.outcome(id, v1).simpleType()).isEqualTo("RolloutSucceeded");
                assertThat(view.servedVersion(name)).isEqualTo(v1);
                await().atMost(OUTCOME).until(() -> view.deployedVersions(id).equals(List.of(v1)));
                assertThat(view.autoscaledVersions(id)).containsExactly(v1);
            } else {
                assertThat(commands.outcome(id, v1).payload().get("code").asText()).isEqualTo("BAD_ENGINE_ARGUMENT");
                assertThat(view.servedVersion(name)).isEqualTo(0);
                await().atMost(OUTCOME).until(() -> view.deployedVersions(id).equals(List.of(0)));
                assertThat(view.autoscaledVersions(id)).containsExactly(0);
            }
            assertThat(commands.outcomes(id, v1)).as("outcomes recorded for v%d", v1).hasSize(1);
            assertThat(probe.outages()).as("moments the Service had no ready endpoint or selected an unready version")
                    .isEmpty();
        }
        commands.delete(id);
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).isEmpty() && view.service(name) == null);
    }
}
