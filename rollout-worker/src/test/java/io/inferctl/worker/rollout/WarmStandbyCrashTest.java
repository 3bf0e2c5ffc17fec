package io.inferctl.worker.rollout;

import io.fabric8.kubernetes.api.model.Pod;
import io.inferctl.command.support.EventStore;
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
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash safety of the warm standby steps, as {@link CrashSafetyTest} does it for a rollout: the
 * worker, in a process of its own, halts right after one new step's side effect, before the saga
 * recorded it; a worker started again on the same database finishes the job with one outcome and
 * one report of each standby change.
 */
class WarmStandbyCrashTest {

    private static final String DATABASE = "worker_warm_crash_tests";
    private static final Duration OUTCOME = Duration.ofSeconds(90);
    private static final Map<String, Object> QWEN = Map.of("model",
            Map.of("name", "Qwen2.5-7B-Instruct", "source", "hf://Qwen/Qwen2.5-7B-Instruct"));

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

    private static Map<String, Object> properties() {
        Map<String, Object> properties = TestStack.workerProperties(DATABASE, TestStack.kubeconfig());
        properties.put("axon.eventhandling.tokenstore.claim-timeout", "2s");
        properties.put("db-scheduler.heartbeat-interval", "500ms");
        properties.put("db-scheduler.missed-heartbeats-limit", 4);
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", 2000);
        properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", 500);
        return properties;
    }

    @ParameterizedTest(name = "halted after {0} during the {1}")
    @CsvSource({
            "Cluster.keepWarm,               standby",
            "CommandReports.standbyStarted,  standby",
            "Cluster.claim,                  warm rollback",
            "CommandReports.standbyEnded,    warm rollback"
    })
    void aWorkerHaltedAfterAStandbyStepIsRestartedAndFinishesItOnce(String step, String during) throws Exception {
        String name = "warm-crash-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String id = commands.create(name, CommandSide.warmConfig());
        await().atMost(OUTCOME).until(() -> commands.outcome(id, 0) != null);
        boolean rollback = during.equals("warm rollback");
        int v1 = -1;
        if (rollback) {
            v1 = commands.update(id, QWEN);
            int superseding = v1;
            await().atMost(OUTCOME).until(() -> standby(id, "VersionStandbyStarted", 0).size() == 1
                    && commands.outcome(id, superseding) != null);
        }
        worker.close();
        worker = null;

        try (TrafficProbe probe = new TrafficProbe(cluster.client(), name, ClusterView.VERSION)) {
            await().atMost(OUTCOME).until(probe::everReady);
            Set<String> podsBefore = pods(id);
            Map<String, Object> halting = properties();
            halting.put(HaltingWorker.HALT_AFTER, step);
            int changed;
            try (WorkerProcess crashing = WorkerProcess.start(halting, Path.of("target", "crash-worker", name + ".log"))) {
                changed = rollback ? commands.rollBack(id, 0) : commands.update(id, QWEN);
                await().atMost(OUTCOME).until(() -> !crashing.isAlive());
                assertThat(crashing.exitValue()).as("worker exit status; its log:%n%s", crashing.logTail())
                        .isEqualTo(HaltingWorker.EXIT_STATUS);
            }

            worker = RunningWorker.start(properties());

            await().atMost(OUTCOME).until(() -> commands.outcome(id, changed) != null);
            assertThat(commands.outcomes(id, changed)).hasSize(1);
            assertThat(commands.outcome(id, changed).simpleType()).isEqualTo("RolloutSucceeded");
            if (rollback) {
                await().atMost(OUTCOME).until(() -> standby(id, "VersionStandbyEnded", 0).size() == 1);
                assertThat(view.servedVersion(name)).isZero();
                assertThat(pods(id)).as("no pod created by the warm rollback").isSubsetOf(podsBefore);
                assertThat(view.deployedVersions(id)).doesNotContain(changed);
            } else {
                await().atMost(OUTCOME).until(() -> standby(id, "VersionStandbyStarted", 0).size() == 1);
                assertThat(view.servedVersion(name)).isEqualTo(changed);
                await().atMost(OUTCOME).until(() -> view.deployedVersions(id).equals(List.of(0, changed))
                        && view.autoscaledVersions(id).equals(List.of(changed)));
            }
            assertThat(standby(id, "VersionStandbyStarted", 0)).hasSize(1);
            assertThat(probe.outages()).as("moments the Service had no ready endpoint").isEmpty();
        }
        commands.delete(id);
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).isEmpty() && view.service(name) == null);
    }

    private static List<EventStore.StoredEvent> standby(String id, String type, int version) {
        return commands.events(id).stream()
                .filter(e -> e.simpleType().equals(type) && e.payload().get("version").asInt() == version).toList();
    }

    private static Set<String> pods(String id) {
        return cluster.client().pods().withLabel(ClusterView.ENDPOINT_ID, id).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(Pod::getMetadata).map(m -> m.getName()).collect(Collectors.toSet());
    }
}
