package io.inferctl.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.kubelet.ImagePolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each pod's engine metrics through the API server's pod proxy, as a client outside the cluster reads them. */
class PodMetricsTest {

    private static final String BROKEN_IMAGE = "ghcr.io/acme/engine:broken";
    private static final String REQUESTS = "inferctl_engine_requests_total";
    private static final String ERRORS = "inferctl_engine_request_errors_total";
    private static final String DURATION = "inferctl_engine_request_duration_seconds";

    private static GpuClusterSimulator sim;
    private static TrafficFixture endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sim = GpuClusterSimulator.builder().shape(ClusterShape.parse("1xNVIDIA_H100:8")).forTests()
                .missingImages(new ImagePolicy(Set.of(BROKEN_IMAGE))).requestsPerSecond(0).build().start();
        endpoint = new TrafficFixture(sim);
        endpoint.version(0, 1);
        endpoint.route(Map.of(TrafficFixture.service(0), 1));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void metricsArePrometheusTextWhoseCountersOnlyGrow() throws Exception {
        String pod = endpoint.readyPods(0).get(0).getMetadata().getName();
        List<Map<String, Double>> scrapes = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            sim.traffic().send(25);
            HttpResponse<String> response = get("/api/v1/namespaces/default/pods/" + pod + ":8000/proxy/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(response.body()).contains("# TYPE " + REQUESTS + " counter", "# TYPE " + DURATION + " histogram");
            scrapes.add(PrometheusText.parse(response.body()));
        }

        for (int i = 1; i < scrapes.size(); i++) {
            for (String sample : scrapes.get(i).keySet()) {
                assertThat(scrapes.get(i).get(sample)).as(sample).isGreaterThanOrEqualTo(scrapes.get(i - 1).get(sample));
            }
        }
        Map<String, Double> last = scrapes.get(scrapes.size() - 1);
        assertThat(last.get(REQUESTS)).isGreaterThanOrEqualTo(75);
        assertThat(last.get(ERRORS)).isZero();
        assertThat(last.get(DURATION + "_count")).isEqualTo(last.get(REQUESTS));
        assertThat(last.get(DURATION + "_bucket{le=\"+Inf\"}")).isEqualTo(last.get(REQUESTS));
        assertThat(last.get(DURATION + "_bucket{le=\"0.1\"}")).as("a healthy engine answers in tens of ms")
                .isEqualTo(last.get(REQUESTS));
        assertThat(last.get(DURATION + "_bucket{le=\"0.01\"}")).isZero();
        assertThat(last.get(DURATION + "_sum") / last.get(DURATION + "_count")).isBetween(0.02, 0.06);
    }

    @Test
    void theProxyPathWithoutPortAndFabric8sRawClientReachTheSamePage() {
        String pod = endpoint.readyPods(0).get(0).getMetadata().getName();

        String page = sim.client().raw("/api/v1/namespaces/default/pods/" + pod + "/proxy/metrics");

        assertThat(PrometheusText.parse(page)).containsKey(REQUESTS);
    }

    @Test
    void aPodThatIsNotRunningAnswers503() throws Exception {
        endpoint.version(7, 1, Workloads.engineSpec("NVIDIA_H100", 1, Workloads.LLAMA_8B,
                Workloads.engineArgs(4096, 8192), BROKEN_IMAGE));
        await().until(() -> !podsOfVersion(7).isEmpty() && podsOfVersion(7).get(0).getStatus().getContainerStatuses()
                .stream().anyMatch(s -> s.getState().getWaiting() != null));
        String pod = podsOfVersion(7).get(0).getMetadata().getName();

        HttpResponse<String> response = get("/api/v1/namespaces/default/pods/" + pod + ":8000/proxy/metrics");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"reason\":\"ServiceUnavailable\"", "is not running");
    }

    @Test
    void aPortNothingListensOnAnswers503AndAMissingPod404() throws Exception {
        String pod = endpoint.readyPods(0).get(0).getMetadata().getName();

        assertThat(get("/api/v1/namespaces/default/pods/" + pod + ":9999/proxy/metrics").body())
                .contains("connection refused");
        assertThat(get("/api/v1/namespaces/default/pods/" + pod + ":9999/proxy/metrics").statusCode()).isEqualTo(503);
        assertThat(get("/api/v1/namespaces/default/pods/no-such-pod/proxy/metrics").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/namespaces/default/pods/" + pod + "/proxy/no-such-page").statusCode()).isEqualTo(404);
    }

    private List<Pod> podsOfVersion(int version) {
        return sim.client().pods().withLabel(Workloads.VERSION_LABEL, Integer.toString(version)).list().getItems();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(sim.kubernetesUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
