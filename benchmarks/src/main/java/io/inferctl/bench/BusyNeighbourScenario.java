package io.inferctl.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scenario 8: scenario 3's projection lag while a second copy of the product, on the same machine,
 * takes the same load at the same time: a busy neighbour, as on any shared host or Kubernetes node.
 * The neighbour is a local stack of its own (its own PostgreSQL, Kafka and services); its figure is
 * printed beside ours.
 */
final class BusyNeighbourScenario {

    private final Scenario scenario;
    private final Path root;
    private final Path state;

    BusyNeighbourScenario(Scenario scenario, Path root, Path state) {
        this.scenario = scenario;
        this.root = root;
        this.state = state;
    }

    void run() throws Exception {
        try (LocalStack neighbour = LocalStack.start(root, state, List.of("--no-worker"))) {
            Scenario next = new Scenario(neighbour.stack(), new Api(neighbour.stack()), scenario.scale(), scenario.report());
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<LagScenario.Measured> theirs = other.submit(() -> new LagScenario(next).measure());
                LagScenario.Measured ours = new LagScenario(scenario).measure();
                LagScenario.Measured neighbours = theirs.get();
                scenario.report().add("8. Projection lag at " + Report.perSecond(scenario.scale().lagRate())
                                + " commands, busy neighbour", ours.summary(),
                        "the neighbour, the same load at the same time: " + neighbours.summary(),
                        "p99 <= 1 s", ours.lag().percentileMillis(99) <= 1_000);
            } finally {
                other.shutdownNow();
            }
        }
    }
}
