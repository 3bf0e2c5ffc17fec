package io.inferctl.worker.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.GpuClusterSimulator;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.kubelet.PhaseDurations;
import io.inferctl.worker.support.ClusterView;
import io.inferctl.worker.support.CommandSide;
import io.inferctl.worker.support.RunningWorker;
import io.inferctl.worker.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rollout deadline on a cluster whose model downloads take longer than the deadline: a worker
 * configured with a 3 second deadline gives the version up, removes it and reports the timeout.
 */
class RolloutDeadlineOnClusterTest {

    private static GpuClusterSimulator slowCluster;
    private static RunningWorker worker;
    private static CommandSide commands;

    @BeforeAll
    static void start() {
        slowCluster = GpuClusterSimulator.builder()
                .shape(ClusterShape.parse(TestStack.SHAPE))
                .phaseDurations(new PhaseDurations(Duration.ZERO, Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO))
                .build().start();
        commands = new CommandSide(TestStack.commands());
        Map<String, Object> properties = TestStack.workerProperties("worker_deadline_tests",
                TestStack.writeKubeconfig(slowCluster, "slow"));
        properties.put("inferctl.rollout.deadline", "3s");
        worker = RunningWorker.start(properties);
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (slowCluster != null) {
            slowCluster.close();
        }
    }

    @Test
    void aVersionNotServingWithinTheRolloutDeadlineTimesOutAndLeavesNothingBehind() {
        String name = "slow-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String id = commands.create(name, CommandSide.config());
        ClusterView view = new ClusterView(slowCluster.client());
        await().atMost(Duration.ofSeconds(30)).until(() -> view.deployedVersions(id).contains(0));

        await().atMost(Duration.ofSeconds(60)).until(() -> commands.outcome(id, 0) != null);

        JsonNode failure = commands.outcome(id, 0).payload();
        assertThat(failure.get("code").asText()).isEqualTo("ROLLOUT_DEADLINE_EXCEEDED");
        assertThat(failure.get("category").asText()).isEqualTo("TIMEOUT");
        assertThat(failure.get("step").asText()).isEqualTo("wait-ready");
        assertThat(commands.phases(id, 0)).containsSubsequence("PREFLIGHT", "REQUESTING_GPUS", "STARTING_ENGINE");
        await().atMost(Duration.ofSeconds(30)).until(() -> view.deployedVersions(id).isEmpty());
        assertThat(view.autoscaledVersions(id)).isEmpty();
        assertThat(view.service(name)).isNull();
        assertThat(commands.outcomes(id, 0)).hasSize(1);
    }
}
