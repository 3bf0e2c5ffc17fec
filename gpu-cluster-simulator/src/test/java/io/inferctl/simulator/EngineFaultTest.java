package io.inferctl.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.faults.EngineFaultRule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Engine faults: one version's engines go bad some time after they became ready; the other version stays healthy. */
class EngineFaultTest {

    private static final long AFTER_SECONDS = 2;

    private GpuClusterSimulator sim;
    private TrafficFixture endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        sim = GpuClusterSimulator.builder().shape(ClusterShape.parse("1xNVIDIA_H100:8")).forTests()
                .requestsPerSecond(0).build().start();
        endpoint = new TrafficFixture(sim);
        endpoint.version(0, 1);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aVersionsErrorRateGoesBadOnlyAfterItsDelayAndTheOtherVersionKeepsServing() {
        sim.engineFaults().add(EngineFaultRule.forLabels(Map.of(Workloads.VERSION_LABEL, "1"), AFTER_SECONDS, 0.5, 0));
        endpoint.version(1, 1);
        endpoint.route(weights(90, 10));
        Instant readySince = Instant.parse(readyTransition(endpoint.readyPods(1).get(0)));

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            sim.traffic().send(20);
            return endpoint.traffic(1).engineErrors() > 0;
        });

        // The delay counts from the Ready condition's transition time, in whole seconds as the API shows it.
        assertThat(Instant.now()).isAfterOrEqualTo(readySince.plusSeconds(AFTER_SECONDS));
        assertThat(endpoint.traffic(0).failures()).as("the serving version").isZero();
        long before = endpoint.traffic(1).requests();
        long errorsBefore = endpoint.traffic(1).engineErrors();
        sim.traffic().send(1_000);
        assertThat(endpoint.traffic(1).requests() - before).isEqualTo(100);
        assertThat(endpoint.traffic(1).engineErrors() - errorsBefore).as("half of version 1's share").isEqualTo(50);
        assertThat(endpoint.traffic(0).failures()).isZero();
    }

    @Test
    void aLatencyFaultShowsInTheBadVersionsHistogramOnly() {
        sim.engineFaults().add(EngineFaultRule.forLabels(Map.of(Workloads.VERSION_LABEL, "1"), 0, 0, 2_000));
        endpoint.version(1, 1);
        endpoint.route(weights(50, 50));

        sim.traffic().send(100);

        Map<String, Double> bad = metrics(endpoint.readyPods(1).get(0));
        Map<String, Double> good = metrics(endpoint.readyPods(0).get(0));
        assertThat(bad.get("inferctl_engine_request_duration_seconds_bucket{le=\"1.0\"}")).isZero();
        assertThat(bad.get("inferctl_engine_request_duration_seconds_bucket{le=\"2.5\"}")).isEqualTo(50);
        assertThat(good.get("inferctl_engine_request_duration_seconds_bucket{le=\"0.1\"}")).isEqualTo(50);
        assertThat(bad.get("inferctl_engine_request_errors_total")).isZero();
    }

    @Test
    void theAdminApiAddsListsAndRemovesEngineFaultsAndRefusesTypos() throws Exception {
        HttpResponse<String> added = admin("POST", "/engine-faults",
                "{\"labels\":{\"inferctl.io/version\":\"1\"},\"afterSeconds\":30,\"errorRate\":0.5}");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.body()).contains("\"id\":\"engine-fault-1\"", "\"afterSeconds\":30", "\"errorRate\":0.5");
        assertThat(sim.engineFaults().active()).singleElement()
                .satisfies(rule -> assertThat(rule.labels()).containsEntry("inferctl.io/version", "1"));

        assertThat(admin("POST", "/engine-faults", "{\"errorRat\":0.5}").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/engine-faults", "{\"errorRate\":1.5}").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "/engine-faults", "{\"labels\":{\"a\":\"b\"}}").body()).contains("must add errors");
        assertThat(admin("GET", "/engine-faults", "").body()).contains("engine-fault-1");
        assertThat(admin("DELETE", "/engine-faults/engine-fault-1", "").statusCode()).isEqualTo(204);
        assertThat(sim.engineFaults().active()).isEmpty();
        assertThat(admin("PUT", "/traffic", "{\"requestsPerSecond\":-1}").statusCode()).isEqualTo(400);
        assertThat(admin("PUT", "/traffic", "{\"requestsPerSecond\":5}").statusCode()).isEqualTo(200);
        assertThat(sim.traffic().requestsPerSecond()).isEqualTo(5);
    }

    private Map<String, Double> metrics(Pod pod) {
        return PrometheusText.parse(sim.client().raw("/api/v1/namespaces/default/pods/" + pod.getMetadata().getName()
                + "/proxy/metrics"));
    }

    private static String readyTransition(Pod pod) {
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
                .orElseThrow().getLastTransitionTime();
    }

    private HttpResponse<String> admin(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(sim.adminUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Integer> weights(int v0, int v1) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(TrafficFixture.service(0), v0);
        weights.put(TrafficFixture.service(1), v1);
        return weights;
    }
}
