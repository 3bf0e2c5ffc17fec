package io.inferctl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;

/**
 * Scenario 10: a canary going bad, to traffic back on the serving version. Each sample rolls out a
 * CANARY version ({@code 10%:10m}), and once the endpoint's HTTPRoute gives it 10% makes its engines
 * fail half their requests (the simulator's engine faults). It times that moment to the route giving
 * the canary no traffic (or going away), seen by a watch as a gateway would: the worker's detection
 * (a health look every {@link #HEALTH_INTERVAL}) plus its switch. Beside it, the sampling interval
 * itself. Needs the simulated cluster's admin API (the Kubernetes API's port + 1).
 */
final class CanaryRollbackScenario {

    /** The worker's health interval on the bench's stack (its default is 10 s). */
    static final Duration HEALTH_INTERVAL = Duration.ofSeconds(1);
    /** Enough synthetic requests that 10% of them pass the worker's minimum of 20 per look. */
    private static final int REQUESTS_PER_SECOND = 400;
    private static final String NAMESPACE = "default";
    private static final String ENDPOINT_ID_LABEL = "inferctl.io/endpoint-id";
    private static final Duration OUTCOME_WAIT = Duration.ofMinutes(2);
    /** Above the default batch size (64), so each canary is a new workload on a Deployment of its own. */
    private static final int FIRST_BATCH_SIZE = 100;

    private final Api api;
    private final Scale scale;
    private final Report report;
    private final String kubeconfig;
    private final HttpClient http = HttpClient.newHttpClient();
    private String admin;

    CanaryRollbackScenario(Scenario scenario) throws IOException {
        this.api = scenario.api();
        this.scale = scenario.scale();
        this.report = scenario.report();
        this.kubeconfig = Files.readString(Path.of(scenario.stack().kubeconfig()));
    }

    void run() throws Exception {
        Config config = Config.fromKubeconfig(kubeconfig);
        URI master = URI.create(config.getMasterUrl());
        admin = "http://" + master.getHost() + ":" + (master.getPort() + 1);
        adminCall("PUT", "/traffic", "{\"requestsPerSecond\":" + REQUESTS_PER_SECOND + "}");
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            String id = api.createEndpoint("NVIDIA_H100").expect(201).json().get("endpointId").asText();
            requireStatus(api.rolledOut(id, 0), "CURRENT");
            Routes routes = new Routes();
            Latency backOnServing = new Latency();
            try (Watch ignored = client.genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                    .inNamespace(NAMESPACE).withLabel(ENDPOINT_ID_LABEL, id).watch(routes)) {
                int samples = scale.quick() ? 1 : 10;
                for (int i = 0; i < samples; i++) {
                    int version = api.changeToCanary(id, FIRST_BATCH_SIZE + i, "10%:10m").expect(202).json().get("version").asInt();
                    await("version " + version + " at 10% of traffic").atMost(OUTCOME_WAIT)
                            .pollInterval(Duration.ofMillis(5)).until(() -> routes.canaryWeight(version) == 10);
                    String fault = adminCall("POST", "/engine-faults", """
                            {"labels": {"%s": "%s", "inferctl.io/version": "%d"}, "afterSeconds": 0, "errorRate": 0.5}"""
                            .formatted(ENDPOINT_ID_LABEL, id, version)).get("id").asText();
                    long bad = System.nanoTime();
                    await("traffic back on the serving version").atMost(OUTCOME_WAIT)
                            .pollInterval(Duration.ofMillis(1)).until(() -> routes.canaryWeight(version) == 0);
                    backOnServing.recordNanos(routes.changedAt(version) - bad);
                    JsonNode failed = api.rolledOut(id, version);
                    requireStatus(failed, "FAILED");
                    adminCall("DELETE", "/engine-faults/" + fault, null);
                }
            }
            report.add("10. Canary going bad at 10% (" + backOnServing.count() + " canaries, 50% errors from a moment"
                            + " on, " + REQUESTS_PER_SECOND + " synthetic requests/s)",
                    "engines bad to the route giving the canary no traffic: " + backOnServing.summary(),
                    "the worker's health look interval: " + Report.millis(HEALTH_INTERVAL.toMillis())
                            + " (each look judges the window since the one before)",
                    "p99 <= 2 looks", backOnServing.percentileMillis(99) <= 2 * HEALTH_INTERVAL.toMillis());
        } finally {
            adminCall("PUT", "/traffic", "{\"requestsPerSecond\":20}");
        }
    }

    private static void requireStatus(JsonNode version, String status) {
        if (!status.equals(version.path("status").asText())) {
            throw new IllegalStateException("expected " + status + ": " + version);
        }
    }


    private JsonNode adminCall(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(admin + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " on the simulator's admin API: "
                    + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() ? Api.JSON.createObjectNode() : Api.JSON.readTree(response.body());
    }

    /** Each version's weight on the endpoint's route as last seen (0 once the route is gone), and when it last changed. */
    private static final class Routes implements Watcher<GenericKubernetesResource> {
        private final Map<Integer, Integer> weights = new ConcurrentHashMap<>();
        private final Map<Integer, Long> changedAt = new ConcurrentHashMap<>();

        @Override
        public void eventReceived(Action action, GenericKubernetesResource route) {
            long now = System.nanoTime();
            JsonNode spec = Api.JSON.valueToTree(route.getAdditionalProperties().get("spec"));
            for (JsonNode backend : spec.path("rules").path(0).path("backendRefs")) {
                String name = backend.path("name").asText();
                int version = Integer.parseInt(name.substring(name.lastIndexOf("-v") + 2));
                int weight = action == Action.DELETED ? 0 : backend.path("weight").asInt(1);
                Integer before = weights.put(version, weight);
                if (before == null || before != weight) {
                    changedAt.put(version, now);
                }
            }
        }

        int canaryWeight(int version) {
            return weights.getOrDefault(version, -1);
        }

        long changedAt(int version) {
            return changedAt.get(version);
        }

        @Override
        public void onClose(WatcherException cause) {
            throw new IllegalStateException("the HTTPRoute watch closed", cause);
        }
    }
}
