package io.inferctl.worker.rollout;

import io.inferctl.command.support.EventStore;
import io.inferctl.simulator.GpuClusterSimulator;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.kubelet.PhaseDurations;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancelling a rollout while its model downloads (3 seconds on this cluster): the new version is
 * removed, the serving one never loses its ready endpoints, and the cancellation is reported with
 * who asked for it.
 */
class RolloutCancelOnClusterTest {

    private static final Duration DOWNLOAD = Duration.ofSeconds(3);
    private static final Duration OUTCOME = Duration.ofSeconds(60);

    private static GpuClusterSimulator cluster;
    private static RunningWorker worker;
    private static CommandSide commands;

    @BeforeAll
    static void start() {
        cluster = GpuClusterSimulator.builder()
                .shape(ClusterShape.parse(TestStack.SHAPE))
                .phaseDurations(new PhaseDurations(Duration.ZERO, DOWNLOAD, Duration.ZERO, Duration.ZERO))
                .build().start();
        commands = new CommandSide(TestStack.commands());
        worker = RunningWorker.start(TestStack.workerProperties("worker_cancel_tests",
                TestStack.writeKubeconfig(cluster, "cancel")));
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

    @Test
    void aCancelledRolloutIsCompensatedAndReportedAsCancelledWhileTheServingVersionKeepsServing() {
        String name = "cancel-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        ClusterView view = new ClusterView(cluster.client());
        try (TrafficProbe probe = new TrafficProbe(cluster.client(), name, ClusterView.VERSION)) {
            String id = commands.create(name, CommandSide.config());
            await().atMost(OUTCOME).until(() -> commands.outcome(id, 0) != null);
            assertThat(commands.outcome(id, 0).simpleType()).isEqualTo("RolloutSucceeded");
            await().atMost(OUTCOME).until(probe::everReady);

            int v1 = commands.update(id, Map.of("accelerator", Map.of("count", 2)));
            await().atMost(OUTCOME).until(() -> view.deployedVersions(id).contains(v1));
            commands.cancel(id, v1);

            await().atMost(OUTCOME).until(() -> commands.outcome(id, v1) != null);
            EventStore.StoredEvent outcome = commands.outcome(id, v1);
            assertThat(outcome.simpleType()).isEqualTo("RolloutCancelled");
            assertThat(outcome.payload().get("requestedBy").asText()).isEqualTo("alice@example.com");
            assertThat(commands.outcomes(id, v1)).hasSize(1);
            await().atMost(OUTCOME).until(() -> view.deployedVersions(id).equals(List.of(0)));
            assertThat(view.autoscaledVersions(id)).containsExactly(0);
            assertThat(view.servedVersion(name)).isEqualTo(0);
            assertThat(probe.outages()).isEmpty();
        }
    }
}
