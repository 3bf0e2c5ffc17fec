package io.inferctl.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.faults.FaultRule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FaultInjectionTest {

    private static final int REQUESTS = 40;

    private GpuClusterSimulator sim;
    /** Retries off, so that every fault reaches the test as it reaches the wire. */
    private KubernetesClient rawClient;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        sim = GpuClusterSimulator.builder().shape(ClusterShape.parse("1xNVIDIA_H100:8")).forTests().build().start();
        rawClient = sim.newClient(config -> config.withRequestRetryBackoffLimit(0).withRequestTimeout(5_000));
    }

    @AfterEach
    void stop() {
        rawClient.close();
        sim.close();
    }

    @Test
    void addedLatencyDelaysEveryRequest() {
        sim.faults().add(FaultRule.latency(300));

        long started = System.nanoTime();
        rawClient.nodes().list();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503, 429})
    void anErrorStatusReachesTheClientAndExpiresAfterItsCount(int status) {
        sim.faults().add(FaultRule.errors(1.0, status).times(1));

        assertThatThrownBy(() -> rawClient.nodes().list())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(status);
                    assertThat(e.getStatus().getMessage()).contains("simulated fault");
                });
        assertThat(rawClient.nodes().list().getItems()).hasSize(1);
    }

    @Test
    void aShareOfFailingRequestsFailsSomeAndNotOthers() {
        sim.faults().add(FaultRule.errors(0.5, 503));
        AtomicInteger failed = new AtomicInteger();

        for (int i = 0; i < REQUESTS; i++) {
            try {
                rawClient.nodes().list();
            } catch (KubernetesClientException e) {
                assertThat(e.getCode()).isEqualTo(503);
                failed.incrementAndGet();
            }
        }

        assertThat(failed.get()).isBetween(1, REQUESTS - 1);
    }

    @Test
    void fabric8sOwnRetriesRideOutOccasionalServerErrors() {
        sim.faults().add(FaultRule.errors(0.3, 503));

        for (int i = 0; i < 10; i++) {
            assertThat(sim.client().nodes().list().getItems()).hasSize(1);
        }
    }

    @Test
    void aDroppedConnectionFailsTheRequestWithoutAnAnswer() {
        sim.faults().add(FaultRule.drops(1.0).onlyFor("GET", "/api/v1/nodes"));

        assertThatThrownBy(() -> rawClient.nodes().list())
                .isInstanceOf(KubernetesClientException.class)
                .rootCause().hasMessageContaining("closed");
        assertThat(rawClient.namespaces().list().getItems()).isNotEmpty();
    }

    @Test
    void anOutageFailsEveryRequestUntilItsWindowEndsButNeverTheAdminApi() throws Exception {
        sim.faults().add(FaultRule.outage(1));

        assertThatThrownBy(() -> rawClient.nodes().list()).isInstanceOf(KubernetesClientException.class);
        assertThat(admin("GET", "/faults", null).body()).contains("\"outageSeconds\":1");

        await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                .untilAsserted(() -> assertThat(rawClient.nodes().list().getItems()).hasSize(1));
    }

    @Test
    void theAdminApiAddsAndClearsFaultsAndCordonsNodes() throws Exception {
        HttpResponse<String> added = admin("POST", "/faults",
                "{\"errorRate\":1.0,\"errorStatus\":503,\"methods\":[\"POST\"]}");
        assertThat(added.statusCode()).isEqualTo(201);

        assertThatThrownBy(() -> rawClient.configMaps().resource(configMap("refused")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(503));
        assertThat(rawClient.configMaps().list().getItems()).isEmpty();

        assertThat(admin("DELETE", "/faults", null).statusCode()).isEqualTo(204);
        rawClient.configMaps().resource(configMap("accepted")).create();

        assertThat(admin("POST", "/nodes/gpu-h100-0/cordon", null).body()).contains("\"cordoned\":true");
        assertThat(rawClient.nodes().withName("gpu-h100-0").get().getSpec().getUnschedulable()).isTrue();
        assertThat(admin("POST", "/nodes", "{\"gpuType\":\"NVIDIA_B200\",\"gpus\":4}").body())
                .contains("\"name\":\"gpu-b200-0\"");
        assertThat(admin("DELETE", "/nodes/gpu-h100-0", null).statusCode()).isEqualTo(204);
        assertThat(rawClient.nodes().list().getItems()).extracting(n -> n.getMetadata().getName())
                .containsExactly("gpu-b200-0");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{", "[]", "{\"colour\":\"red\"}", "{}", "{\"errorRate\":2}", "{\"latencyMs\":-5}",
            "{\"errorRate\":0.5,\"errorStatus\":200}", "{\"outageSeconds\":\"x\"}", "{\"latencyMs\":1.5}",
            "{\"dropConnections\":\"yes\"}", "{\"errorRate\":1,\"methods\":\"POST\"}",
            "{\"errorRate\":1,\"pathRegex\":\"(\"}"})
    void theAdminApiRefusesAFaultItCannotReadAndInstallsNothing(String body) throws Exception {
        HttpResponse<String> refused = admin("POST", "/faults", body);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("\"error\"");
        assertThat(admin("GET", "/faults", null).body()).isEqualTo("{\"faults\":[]}");
        assertThat(rawClient.nodes().list().getItems()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"gpuType\":\"NVIDIA_H100\",\"gpus\":-3}",
            "{\"gpuType\":\"NVIDIA_H100\",\"gpus\":\"x\"}", "{\"gpuType\":\"NVIDIA_H100\",\"size\":2}"})
    void theAdminApiRefusesANodeItCannotReadAndAddsNothing(String body) throws Exception {
        HttpResponse<String> refused = admin("POST", "/nodes", body);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(rawClient.nodes().list().getItems()).hasSize(1);
    }

    private static io.fabric8.kubernetes.api.model.ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .addToData("key", "value").build();
    }

    private HttpResponse<String> admin(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.adminUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
