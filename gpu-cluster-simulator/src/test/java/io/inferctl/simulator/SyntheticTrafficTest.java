package io.inferctl.simulator;

import static io.inferctl.simulator.TrafficFixture.ENDPOINT;
import static io.inferctl.simulator.TrafficFixture.STATS_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.traffic.TrafficStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The synthetic load: it follows the route's weights, spreads over ready pods, and counts what finds no backend. */
class SyntheticTrafficTest {

    private static final int ROUND = 1_000;

    private GpuClusterSimulator sim;
    private TrafficFixture endpoint;

    private void start(int requestsPerSecond) {
        sim = GpuClusterSimulator.builder().shape(ClusterShape.parse("2xNVIDIA_H100:8")).forTests()
                .requestsPerSecond(requestsPerSecond).build().start();
        endpoint = new TrafficFixture(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void requestsFollowTheRoutesWeightsExactlyAndSpreadEvenlyOverAVersionsPods() {
        start(0);
        endpoint.version(0, 2);
        endpoint.version(1, 1);
        endpoint.route(weights(90, 10));

        sim.traffic().send(ROUND);

        assertThat(endpoint.traffic(0).requests()).isEqualTo(900);
        assertThat(endpoint.traffic(1).requests()).isEqualTo(100);
        for (Pod pod : endpoint.readyPods(0)) {
            assertThat(requestsServedBy(pod)).isEqualTo(450);
        }

        endpoint.route(weights(50, 50));
        sim.traffic().send(ROUND);

        assertThat(endpoint.traffic(0).requests()).isEqualTo(900 + 500);
        assertThat(endpoint.traffic(1).requests()).isEqualTo(100 + 500);
        assertThat(endpoint.traffic(0).failures() + endpoint.traffic(1).failures()).isZero();
    }

    @Test
    void withoutARouteTheServiceSelectorsVersionTakesAllTheTraffic() {
        start(0);
        endpoint.version(0, 1);
        endpoint.version(1, 1);
        sim.client().services().resource(Workloads.service(ENDPOINT, Map.of(Workloads.ENDPOINT_LABEL, ENDPOINT,
                Workloads.VERSION_LABEL, "1"))).create();

        sim.traffic().send(ROUND);

        assertThat(sim.traffic().stats().endpoint("default/" + ENDPOINT).orElseThrow().version("1").requests())
                .isEqualTo(ROUND);
        assertThat(sim.traffic().stats().endpoint("default/" + ENDPOINT).orElseThrow().versions()).containsOnlyKeys("1");
    }

    @Test
    void aWeightedVersionWithoutReadyPodsFailsItsShareAsNoBackend() {
        start(0);
        endpoint.version(0, 1);
        endpoint.version(1, 0);
        endpoint.route(weights(50, 50));

        sim.traffic().send(100);

        TrafficStats.EndpointTraffic traffic = endpoint.traffic();
        assertThat(traffic.version("1").noBackend()).isEqualTo(50);
        assertThat(traffic.version("1").zeroReadyMoments()).isEqualTo(1);
        assertThat(traffic.version("0").failures()).isZero();
        assertThat(traffic.zeroReadyMoments()).as("version 0 was still serving").isZero();
    }

    @Test
    void anEndpointLeftWithoutAnyReadyPodCountsZeroReadyBackendMoments() {
        start(0);
        endpoint.version(0, 1);
        endpoint.route(Map.of(TrafficFixture.service(0), 1));
        sim.traffic().send(10);
        assertThat(endpoint.traffic().zeroReadyMoments()).isZero();

        sim.client().apps().deployments().withName(ENDPOINT + "-v0").scale(0);
        endpoint.awaitReady(0, 0);
        sim.traffic().send(10);

        assertThat(endpoint.traffic().zeroReadyMoments()).isEqualTo(1);
        assertThat(endpoint.traffic().lastZeroReadyAt()).isNotNull();
        assertThat(endpoint.traffic(0).noBackend()).isEqualTo(10);
    }

    @Test
    void anEndpointThatHasNeverServedReceivesNoLoadYet() {
        start(0);
        endpoint.version(0, 0);
        endpoint.route(Map.of(TrafficFixture.service(0), 1));

        sim.traffic().send(10);

        assertThat(sim.traffic().stats().endpoint(STATS_KEY)).isEmpty();
    }

    @Test
    void theBackgroundLoadSendsItsRateAndTheAdminApiReportsIt() throws Exception {
        start(200);
        endpoint.version(0, 1);
        endpoint.route(Map.of(TrafficFixture.service(0), 1));

        await().untilAsserted(() -> assertThat(sim.traffic().stats().endpoint(STATS_KEY))
                .hasValueSatisfying(t -> assertThat(t.version("0").requests()).isGreaterThanOrEqualTo(100)));

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sim.adminUrl() + "/traffic")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"endpoint\":\"llama\"", "\"version\":\"0\"", "\"no_backend\":0",
                "\"zeroReadyBackendMoments\":0", "\"requestsPerSecond\":200");
    }

    private long requestsServedBy(Pod pod) {
        String metrics = sim.client().raw("/api/v1/namespaces/default/pods/" + pod.getMetadata().getName()
                + ":8000/proxy/metrics");
        return PrometheusText.parse(metrics).get("inferctl_engine_requests_total").longValue();
    }

    private static Map<String, Integer> weights(int v0, int v1) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(TrafficFixture.service(0), v0);
        weights.put(TrafficFixture.service(1), v1);
        return weights;
    }
}
