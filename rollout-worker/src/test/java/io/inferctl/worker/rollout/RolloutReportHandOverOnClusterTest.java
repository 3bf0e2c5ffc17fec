package io.inferctl.worker.rollout;

import io.inferctl.worker.support.ClusterView;
import io.inferctl.worker.support.CommandSide;
import io.inferctl.worker.support.FlakyCommandApi;
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
 * A report the command API does not take holds up no other rollout. The worker runs its sagas on one
 * processor thread (one segment), so a handler that waited for the command API would stall every
 * rollout behind it; instead the short in-line retry gives up and the step goes back to a deadline.
 */
class RolloutReportHandOverOnClusterTest {

    private static final Duration OUTCOME = Duration.ofSeconds(60);
    /** Attempts of one report in line: more refusals than this mean a deadline ran the step again. */
    private static final int IN_LINE_ATTEMPTS = 2;

    private static FlakyCommandApi api;
    private static CommandSide commands;
    private static ClusterView view;
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        view = new ClusterView(TestStack.simulator().client());
        commands = new CommandSide(TestStack.commands());
        api = FlakyCommandApi.start(TestStack.commands().url());
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static RunningWorker startWorker() {
        Map<String, Object> properties = TestStack.workerProperties("worker_report_hand_over_tests", TestStack.kubeconfig());
        properties.put("inferctl.reports.command-url", api.url());
        properties.put("inferctl.reports.max-attempts", IN_LINE_ATTEMPTS);
        properties.put("inferctl.rollout.report-retry-interval", "1s");
        properties.put("axon.eventhandling.processors.RolloutSagaProcessor.initial-segment-count", 1);
        properties.put("axon.eventhandling.processors.RolloutSagaProcessor.thread-count", 1);
        return RunningWorker.start(properties);
    }

    private static String name(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    @Test
    void whileTheCommandApiAnswers503ToOneRolloutsReportsAnotherRolloutIsServedAndTheFirstFollowsOnceItAnswers() {
        String heldName = name("held");
        String held = commands.create(heldName, CommandSide.config());
        api.refuse(held);
        worker = startWorker();
        await().atMost(OUTCOME).until(() -> api.refusals(held) > IN_LINE_ATTEMPTS);

        String freeName = name("free");
        String free = commands.create(freeName, CommandSide.config());

        await().atMost(OUTCOME).until(() -> commands.outcome(free, 0) != null);
        assertThat(commands.outcome(free, 0).simpleType()).isEqualTo("RolloutSucceeded");
        assertThat(view.servedVersion(freeName)).isEqualTo(0);
        assertThat(commands.events(held)).as("the held version is still pending on the command side")
                .noneMatch(event -> event.simpleType().startsWith("Rollout"));
        assertThat(view.deployedVersions(held)).isEmpty();

        api.heal(held);

        await().atMost(OUTCOME).until(() -> commands.outcome(held, 0) != null);
        assertThat(commands.outcome(held, 0).simpleType()).isEqualTo("RolloutSucceeded");
        assertThat(commands.outcomes(held, 0)).hasSize(1);
        assertThat(view.servedVersion(heldName)).isEqualTo(0);

        commands.delete(held);
        commands.delete(free);
        await().atMost(OUTCOME).until(() -> view.deployedVersions(held).isEmpty() && view.deployedVersions(free).isEmpty()
                && view.service(heldName) == null && view.service(freeName) == null);
    }
}
