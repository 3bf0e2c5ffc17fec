package io.inferctl.worker.rollout;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.inferctl.command.support.EventStore;
import io.inferctl.simulator.GpuClusterSimulator;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.faults.EngineFaultRule;
import io.inferctl.simulator.traffic.TrafficStats;
import io.inferctl.worker.support.ClusterView;
import io.inferctl.worker.support.CommandSide;
import io.inferctl.worker.support.RunningWorker;
import io.inferctl.worker.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The canary on the simulated cluster, through the command service and the worker: the simulator's
 * load follows the route's weights, and its engine faults make the new version's error rate go bad.
 * Health is looked at every second and judged from 5 requests; the load is 100 requests a second.
 */
class CanaryOnClusterTest {

    private static final Duration OUTCOME = Duration.ofSeconds(90);
    private static final String NAMESPACE = "default";

    private static GpuClusterSimulator cluster;
    private static RunningWorker worker;
    private static CommandSide commands;

    @BeforeAll
    static void start() {
        cluster = GpuClusterSimulator.builder().shape(ClusterShape.parse(TestStack.SHAPE)).forTests()
                .requestsPerSecond(100).build().start();
        commands = new CommandSide(TestStack.commands());
        Map<String, Object> properties = TestStack.workerProperties("worker_canary_tests",
                TestStack.writeKubeconfig(cluster, "canary"));
        properties.put("inferctl.rollout.canary.health-interval", "1s");
        properties.put("inferctl.rollout.canary.min-requests", 5);
        worker = RunningWorker.start(properties);
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

    /** A new workload (two GPUs a replica), so the canary runs on a Deployment of its own. */
    private static int updateToCanary(String id, String steps) {
        return commands.update(id, Map.of("accelerator", Map.of("count", 2),
                "rollout", Map.of("strategy", "CANARY", "canarySteps", steps, "maxErrorRatePercent", 5)));
    }

    @Test
    void aCanaryGoingBadAtTenPercentIsRolledBackAndTheServingVersionKeepsAllTraffic() {
        String name = "canary-bad-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        ClusterView view = new ClusterView(cluster.client());
        String id = servingVersionZero(name);
        cluster.engineFaults().add(EngineFaultRule.forLabels(
                Map.of(ClusterView.ENDPOINT_ID, id, ClusterView.VERSION, "1"), 0, 0.5, 0));

        int v1 = updateToCanary(id, "10%:1m,50%:1m");

        await().atMost(OUTCOME).until(() -> commands.outcome(id, v1) != null);
        EventStore.StoredEvent outcome = commands.outcome(id, v1);
        assertThat(outcome.simpleType()).isEqualTo("RolloutFailed");
        assertThat(outcome.payload().get("code").asText()).isEqualTo("UNHEALTHY_CANARY");
        assertThat(outcome.payload().get("message").asText()).startsWith("error rate ").endsWith("% at 10% of traffic");
        assertThat(canaryPercents(id, v1)).containsExactly(10);
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).equals(List.of(0)));
        assertThat(view.servedVersion(name)).isEqualTo(0);
        assertThat(routes(id)).isEmpty();

        long canaryRequests = traffic(id, 1).requests();
        long servingBefore = traffic(id, 0).requests();
        await().atMost(OUTCOME).until(() -> traffic(id, 0).requests() > servingBefore + 100);
        assertThat(traffic(id, 1).requests()).as("no request reaches the removed canary").isEqualTo(canaryRequests);
        assertThat(traffic(id, 0).failures()).as("failed requests of the serving version").isZero();
        commands.delete(id);
    }

    @Test
    void aHealthyCanaryWithShortStepsEndsCurrentWithTheServiceOnItAndNoRouteLeft() {
        String name = "canary-good-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        ClusterView view = new ClusterView(cluster.client());
        String id = servingVersionZero(name);

        int v1 = updateToCanary(id, "10%:2s,50%:2s");

        await().atMost(OUTCOME).until(() -> commands.outcome(id, v1) != null);
        assertThat(commands.outcome(id, v1).simpleType()).isEqualTo("RolloutSucceeded");
        assertThat(canaryPercents(id, v1)).containsExactly(10, 50);
        assertThat(view.servedVersion(name)).isEqualTo(1);
        assertThat(routes(id)).isEmpty();
        assertThat(view.service(name + "-v0")).as("version 0's own Service").isNull();
        assertThat(view.service(name + "-v1")).as("version 1's own Service").isNull();
        assertThat(traffic(id, 0).failures() + traffic(id, 1).failures()).isZero();
        commands.delete(id);
    }

    @Test
    void aPromotedCanaryTakesAllTrafficBeforeItsStepsAreOver() {
        String name = "canary-promoted-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        ClusterView view = new ClusterView(cluster.client());
        String id = servingVersionZero(name);
        int v1 = updateToCanary(id, "10%:10m,50%:10m");
        await().atMost(OUTCOME).until(() -> canaryPercents(id, v1).contains(10));

        commands.canary(id, v1, "promote");

        await().atMost(OUTCOME).until(() -> commands.outcome(id, v1) != null);
        assertThat(commands.outcome(id, v1).simpleType()).isEqualTo("RolloutSucceeded");
        assertThat(canaryPercents(id, v1)).as("the 50% step was skipped").containsExactly(10);
        assertThat(view.servedVersion(name)).isEqualTo(1);
        assertThat(routes(id)).isEmpty();
        assertThat(traffic(id, 0).failures() + traffic(id, 1).failures()).isZero();
        commands.delete(id);
    }

    @Test
    void anAbortedCanaryGivesAllTrafficBackAndIsRemoved() {
        String name = "canary-aborted-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        ClusterView view = new ClusterView(cluster.client());
        String id = servingVersionZero(name);
        int v1 = updateToCanary(id, "10%:10m");
        await().atMost(OUTCOME).until(() -> canaryPercents(id, v1).contains(10));

        commands.canary(id, v1, "abort");

        await().atMost(OUTCOME).until(() -> commands.outcome(id, v1) != null);
        assertThat(commands.outcome(id, v1).simpleType()).isEqualTo("RolloutCancelled");
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).equals(List.of(0)));
        assertThat(view.servedVersion(name)).isEqualTo(0);
        assertThat(routes(id)).isEmpty();
        assertThat(traffic(id, 0).failures()).as("failed requests of the serving version").isZero();
        commands.delete(id);
    }

    private String servingVersionZero(String name) {
        String id = commands.create(name, CommandSide.config());
        await().atMost(OUTCOME).until(() -> commands.outcome(id, 0) != null);
        assertThat(commands.outcome(id, 0).simpleType()).isEqualTo("RolloutSucceeded");
        return id;
    }

    private List<Integer> canaryPercents(String id, int version) {
        return commands.events(id).stream()
                .filter(e -> e.simpleType().equals("RolloutProgressed") && e.payload().get("version").asInt() == version)
                .filter(e -> "CANARY".equals(e.payload().get("phase").asText()))
                .map(e -> e.payload().get("canaryPercent").asInt())
                .toList();
    }

    private List<HTTPRoute> routes(String id) {
        return cluster.client().resources(HTTPRoute.class).inNamespace(NAMESPACE)
                .withLabel(ClusterView.ENDPOINT_ID, id).list().getItems();
    }

    private TrafficStats.VersionTraffic traffic(String id, int version) {
        return cluster.traffic().stats().endpoint(NAMESPACE + "/" + id)
                .map(e -> e.version(Integer.toString(version)))
                .orElse(new TrafficStats.VersionTraffic(0, 0, 0, 0));
    }
}
