package io.inferctl.worker.rollout;

import io.inferctl.command.support.EventStore;
import io.inferctl.worker.support.CommandSide;
import io.inferctl.worker.support.RunningWorker;
import io.inferctl.worker.support.TestStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Control-plane overhead on the simulator with zero phase durations: from the version accepted
 * (its {@code createdAt}) to traffic switched (the {@code succeededAt} of its RolloutSucceeded), both
 * stamped by the command service's clock. Not part of the build; run it with
 * {@code ./mvnw -B -o verify -pl rollout-worker -Dtest=RolloutLatencyBenchmark -Dbenchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (optionally {@code -Dbenchmark.rollouts=100}).
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class RolloutLatencyBenchmark {

    @Test
    void acceptedToTrafficSwitched() {
        int rollouts = Integer.getInteger("benchmark.rollouts", 50);
        CommandSide commands = new CommandSide(TestStack.commands());
        TestStack.simulator();
        Map<String, Object> properties = TestStack.workerProperties("worker_benchmark", TestStack.kubeconfig());
        properties.put("inferctl.rollout.drain-delay", "100ms");
        try (RunningWorker ignored = RunningWorker.start(properties)) {
            String id = commands.create("bench-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36), CommandSide.config());
            await().atMost(Duration.ofSeconds(60)).until(() -> commands.outcome(id, 0) != null);
            List<Long> millis = new ArrayList<>();
            for (int i = 1; i <= rollouts; i++) {
                int version = commands.update(id, Map.of("engine", Map.of("maxBatchSize", 64 + i)));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> commands.outcome(id, version) != null);
                EventStore.StoredEvent outcome = commands.outcome(id, version);
                assertThat(outcome.simpleType()).isEqualTo("RolloutSucceeded");
                Instant accepted = Instant.parse(commands.events(id).stream()
                        .filter(e -> e.simpleType().equals("EndpointVersionCreated") && e.payload().get("version").asInt() == version)
                        .findFirst().orElseThrow().payload().get("createdAt").asText());
                Instant switched = Instant.parse(outcome.payload().get("succeededAt").asText());
                millis.add(Duration.between(accepted, switched).toMillis());
            }
            List<Long> sorted = millis.stream().sorted().toList();
            long p50 = sorted.get((int) Math.ceil(0.50 * sorted.size()) - 1);
            long p99 = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
            System.out.printf("BENCHMARK accepted->traffic switched over %d rollouts: p50 %d ms, p99 %d ms, max %d ms%n",
                    sorted.size(), p50, p99, sorted.get(sorted.size() - 1));
        }
    }
}
