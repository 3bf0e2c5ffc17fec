package io.inferctl.worker.rollout;

import io.fabric8.kubernetes.api.model.Pod;
import io.inferctl.command.support.EventStore;
import io.inferctl.simulator.GpuClusterSimulator;
import io.inferctl.worker.support.ClusterView;
import io.inferctl.worker.support.CommandSide;
import io.inferctl.worker.support.RunningWorker;
import io.inferctl.worker.support.TestStack;
import io.inferctl.worker.support.TrafficProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Warm standby on the simulated GPU cluster, driven through the command API: the superseded version
 * stays warm, and a rollback to it serves again on its Deployment with no pod created, while a probe
 * reads the Service's ready endpoints all along.
 */
class WarmRollbackOnClusterTest {

    private static final Duration OUTCOME = Duration.ofSeconds(Long.getLong("outcome.seconds", 60));
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
        worker = RunningWorker.start(TestStack.workerProperties("worker_warm_tests", TestStack.kubeconfig()));
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void aRollbackToAWarmVersionBecomesCurrentOnItsDeploymentWithoutCreatingAPod() {
        String name = "warm-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String id = commands.create(name, CommandSide.warmConfig());
        await().atMost(OUTCOME).until(() -> commands.outcome(id, 0) != null);
        assertThat(commands.outcome(id, 0).simpleType()).isEqualTo("RolloutSucceeded");

        try (TrafficProbe probe = new TrafficProbe(cluster.client(), name, ClusterView.VERSION)) {
            await().atMost(OUTCOME).until(probe::everReady);
            int v1 = commands.update(id, QWEN);
            await().atMost(OUTCOME).until(() -> commands.outcome(id, v1) != null);
            assertThat(commands.outcome(id, v1).simpleType()).isEqualTo("RolloutSucceeded");
            // After the drain delay (1 s here) v0 is kept warm on its one standby replica, not removed.
            await().atMost(OUTCOME).until(() -> standbyEvents(id, "VersionStandbyStarted", 0).size() == 1);
            assertThat(view.deployedVersions(id)).containsExactly(0, v1);
            assertThat(view.autoscaledVersions(id)).as("a standby has no autoscaler").containsExactly(v1);
            Set<String> podsBefore = podNames(id);

            long asked = System.nanoTime();
            int v2 = commands.rollBack(id, 0);
            await().atMost(OUTCOME).pollInterval(Duration.ofMillis(20)).until(() -> commands.outcome(id, v2) != null);
            long tookMs = (System.nanoTime() - asked) / 1_000_000;

            assertThat(commands.outcome(id, v2).simpleType()).isEqualTo("RolloutSucceeded");
            assertThat(view.servedVersion(name)).as("the Service selects v0's Deployment again").isZero();
            assertThat(podNames(id)).as("pods after the rollback").isSubsetOf(podsBefore);
            assertThat(view.deployedVersions(id)).doesNotContain(v2);
            // Reported right after the success.
            await().atMost(OUTCOME).until(() -> !standbyEvents(id, "VersionStandbyEnded", 0).isEmpty());
            assertThat(standbyEvents(id, "VersionStandbyEnded", 0)).singleElement()
                    .satisfies(e -> assertThat(e.payload().get("reason").asText()).isEqualTo("REUSED"));
            assertThat(commands.phases(id, v2)).doesNotContain("DOWNLOADING_MODEL", "STARTING_ENGINE");
            // And v1, superseded in its turn, is kept warm.
            await().atMost(OUTCOME).until(() -> standbyEvents(id, "VersionStandbyStarted", v1).size() == 1);
            assertThat(view.autoscaledVersions(id)).containsExactly(0);
            probe.close();
            assertThat(probe.outages()).as("moments the Service had no ready endpoint").isEmpty();
            System.out.printf("WARM ROLLBACK on the simulator: rollback accepted to RolloutSucceeded stored in %d ms"
                    + " (including this test's 20 ms polling)%n", tookMs);
        }
        commands.delete(id);
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).isEmpty() && view.service(name) == null);
    }

    private static List<EventStore.StoredEvent> standbyEvents(String id, String type, int version) {
        return commands.events(id).stream()
                .filter(e -> e.simpleType().equals(type) && e.payload().get("version").asInt() == version).toList();
    }

    private static Set<String> podNames(String id) {
        return cluster.client().pods().withLabel(ClusterView.ENDPOINT_ID, id).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .map(Pod::getMetadata).map(m -> m.getName()).collect(Collectors.toSet());
    }
}
