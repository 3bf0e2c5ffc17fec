package io.inferctl.worker.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.inferctl.command.support.EventStore;
import io.inferctl.simulator.GpuClusterSimulator;
import io.inferctl.simulator.faults.FaultRule;
import io.inferctl.worker.support.ClusterView;
import io.inferctl.worker.support.CommandSide;
import io.inferctl.worker.support.RunningWorker;
import io.inferctl.worker.support.TestStack;
import io.inferctl.worker.support.TrafficProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.inferctl.events.EndpointDeleted;
import io.inferctl.stream.StreamedEvent;
import io.inferctl.worker.inbox.EventInbox;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.List;
import java.util.Map;

import static io.inferctl.worker.support.CommandSide.config;
import static io.inferctl.worker.support.CommandSide.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker on the simulated GPU cluster, driven only through the command API: each scenario
 * creates or changes an endpoint as a user does and watches the outcome on the command side's event
 * store and on the Kubernetes API, with a probe reading the Service's ready endpoints all along.
 * Cancellation needs a version that takes a while to become ready: see RolloutCancelOnClusterTest.
 */
class RolloutOnClusterTest {

    private static final Duration OUTCOME = Duration.ofSeconds(Long.getLong("outcome.seconds", 60));

    private static GpuClusterSimulator cluster;
    private static CommandSide commands;
    private static ClusterView view;
    private static RunningWorker worker;
    private TrafficProbe probe;
    private String endpointId;
    private String endpointName;

    @BeforeAll
    static void start() {
        cluster = TestStack.simulator();
        commands = new CommandSide(TestStack.commands());
        view = new ClusterView(cluster.client());
        worker = RunningWorker.start(TestStack.workerProperties("worker_rollout_tests", TestStack.kubeconfig()));
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
    }

    @AfterEach
    void serviceNeverLostItsReadyEndpointsAndDeletingTheEndpointLeavesNothing() {
        cluster.faults().clear();
        if (probe != null) {
            probe.close();
            assertThat(probe.outages()).as("moments the Service had no ready endpoint").isEmpty();
            assertThat(probe.reads()).isGreaterThan(10);
        }
        if (endpointId != null) {
            // Also frees the scenario's GPUs for the next one.
            commands.delete(endpointId);
            await().atMost(OUTCOME).until(() -> view.deployedVersions(endpointId).isEmpty()
                    && view.autoscaledVersions(endpointId).isEmpty() && view.service(endpointName) == null);
        }
    }

    private String create(String name, Map<String, Object> config) {
        endpointName = name;
        endpointId = commands.create(name, config);
        return endpointId;
    }

    private String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    private void probe(String name) {
        probe = new TrafficProbe(cluster.client(), name, ClusterView.VERSION);
    }

    private EventStore.StoredEvent awaitOutcome(String id, int version) {
        await().atMost(OUTCOME).until(() -> commands.outcome(id, version) != null);
        return commands.outcome(id, version);
    }

    /** Creates an endpoint and waits until v0 serves. */
    private String serving(String name) {
        String id = create(name, config());
        assertThat(awaitOutcome(id, 0).simpleType()).isEqualTo("RolloutSucceeded");
        await().atMost(OUTCOME).until(() -> probe == null || probe.everReady());
        return id;
    }

    @Test
    void firstVersionCreatesItsDeploymentAutoscalerAndServiceAndServes() {
        String name = unique("first");
        probe(name);
        String id = serving(name);

        assertThat(view.servedVersion(name)).isEqualTo(0);
        assertThat(view.deployedVersions(id)).containsExactly(0);
        Deployment deployment = view.deployment(name + "-v0");
        var pod = deployment.getSpec().getTemplate().getSpec();
        var engine = pod.getContainers().get(0);
        assertThat(pod.getNodeSelector()).containsEntry("nvidia.com/gpu.product", "NVIDIA_H100");
        assertThat(engine.getResources().getRequests().get("nvidia.com/gpu").getAmount()).isEqualTo("1");
        assertThat(engine.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("MODEL_SOURCE");
            assertThat(e.getValue()).isEqualTo("hf://meta-llama/Llama-3.1-8B-Instruct");
        });
        assertThat(engine.getArgs()).contains("--max-batch-size=64", "--port=8000");
        assertThat(engine.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(deployment.getMetadata().getLabels()).containsEntry(ClusterView.ENDPOINT_ID, id)
                .containsEntry(ClusterView.VERSION, "0");
        HorizontalPodAutoscaler hpa = view.autoscaler(name + "-v0");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(300);
        assertThat(commands.phases(id, 0)).containsSubsequence("PREFLIGHT", "REQUESTING_GPUS", "SWITCHING_TRAFFIC");
        assertThat(commands.outcomes(id, 0)).hasSize(1);
    }

    @Test
    void anUpdateSwitchesTrafficOnlyWhenReadyThenRemovesTheSupersededVersion() {
        String name = unique("update");
        probe(name);
        String id = serving(name);

        int v1 = commands.update(id, Map.of("accelerator", Map.of("count", 2)));

        assertThat(awaitOutcome(id, v1).simpleType()).isEqualTo("RolloutSucceeded");
        assertThat(view.servedVersion(name)).isEqualTo(v1);
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).equals(List.of(v1)));
        assertThat(view.autoscaledVersions(id)).containsExactly(v1);
        assertThat(view.deployment(name + "-v1").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getResources().getLimits().get("nvidia.com/gpu").getAmount()).isEqualTo("2");
    }

    @Test
    void notEnoughGpusOfTheTypeFailsAtPreflightAndTouchesNothing() {
        String name = unique("big");
        probe(name);
        String id = serving(name);

        // One B200 node with 8 GPUs: two replicas of 8 cannot fit.
        int v1 = commands.update(id, Map.of("accelerator", Map.of("type", "NVIDIA_B200", "count", 8),
                "autoscaling", Map.of("minReplicas", 2, "maxReplicas", 2)));

        JsonNode failure = awaitOutcome(id, v1).payload();
        assertThat(failure.get("code").asText()).isEqualTo("INSUFFICIENT_GPU");
        assertThat(failure.get("category").asText()).isEqualTo("RESOURCES");
        assertThat(failure.get("step").asText()).isEqualTo("preflight");
        assertThat(failure.get("message").asText()).contains("NVIDIA_B200").contains("needs 2 replica");
        assertThat(view.deployedVersions(id)).containsExactly(0);
        assertThat(view.autoscaledVersions(id)).containsExactly(0);
        assertThat(view.servedVersion(name)).isEqualTo(0);
    }

    @Test
    void anEngineSettingTheEngineRefusesFailsAndIsCompensated() {
        String name = unique("badarg");
        probe(name);
        String id = serving(name);

        // Gemma 2 9B has an 8192-token context: the engine exits after its download.
        int v1 = commands.update(id, Map.of("model", Map.of("name", "gemma-2-9b-it", "source", "hf://google/gemma-2-9b-it"),
                "engine", Map.of("maxContextLength", 16384)));

        JsonNode failure = awaitOutcome(id, v1).payload();
        assertThat(failure.get("code").asText()).isEqualTo("BAD_ENGINE_ARGUMENT");
        assertThat(failure.get("category").asText()).isEqualTo("CONFIGURATION");
        assertThat(failure.get("message").asText()).startsWith("InvalidEngineArgument");
        assertThat(failure.get("step").asText()).isEqualTo("wait-ready");
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).equals(List.of(0)));
        assertThat(view.autoscaledVersions(id)).containsExactly(0);
        assertThat(view.servedVersion(name)).isEqualTo(0);
    }

    @Test
    void aModelSourceThatDoesNotExistFailsAsModelNotFound() {
        String name = unique("nomodel");
        probe(name);
        String id = serving(name);

        int v1 = commands.update(id, Map.of("model", Map.of("source", "hf://meta-llama/Llama-9-Unknown")));

        JsonNode failure = awaitOutcome(id, v1).payload();
        assertThat(failure.get("code").asText()).isEqualTo("MODEL_NOT_FOUND");
        assertThat(failure.get("message").asText()).contains("Llama-9-Unknown");
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).equals(List.of(0)));
        assertThat(view.servedVersion(name)).isEqualTo(0);
    }

    @Test
    void clusterApiErrorsThatHealAreRetriedAndTheRolloutSucceeds() {
        String name = unique("heal");
        probe(name);
        String id = serving(name);
        cluster.faults().add(FaultRule.errors(1.0, 503).onlyFor("PATCH", "deployments/" + name + "-v1").times(3));

        int v1 = commands.update(id, Map.of("autoscaling", Map.of("maxReplicas", 3)));

        assertThat(awaitOutcome(id, v1).simpleType()).isEqualTo("RolloutSucceeded");
        assertThat(cluster.faults().active()).isEmpty();
        assertThat(view.servedVersion(name)).isEqualTo(v1);
    }

    @Test
    void aClusterApiThatStaysUnreachableFailsTheRolloutAsNetworkAndCompensates() {
        String name = unique("down");
        probe(name);
        String id = serving(name);
        cluster.faults().add(FaultRule.drops(1.0).onlyFor("PATCH", "horizontalpodautoscalers/" + name + "-v1"));

        int v1 = commands.update(id, Map.of("autoscaling", Map.of("maxReplicas", 3)));

        JsonNode failure = awaitOutcome(id, v1).payload();
        assertThat(failure.get("code").asText()).isEqualTo("CLUSTER_UNREACHABLE");
        assertThat(failure.get("category").asText()).isEqualTo("NETWORK");
        assertThat(failure.get("step").asText()).isEqualTo("apply");
        // The Deployment was applied before the autoscaler failed: compensation removed it.
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).equals(List.of(0)));
        assertThat(view.servedVersion(name)).isEqualTo(0);
    }

    @Test
    void aRollbackRollsOutTheEarlierSettingsAsTheNextVersion() {
        String name = unique("rollback");
        probe(name);
        String id = serving(name);
        int v1 = commands.update(id, Map.of("accelerator", Map.of("count", 2)));
        assertThat(awaitOutcome(id, v1).simpleType()).isEqualTo("RolloutSucceeded");

        int v2 = commands.rollBack(id, 0);

        assertThat(awaitOutcome(id, v2).simpleType()).isEqualTo("RolloutSucceeded");
        assertThat(view.servedVersion(name)).isEqualTo(v2);
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).equals(List.of(v2)));
        assertThat(view.deployment(name + "-v2").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getResources().getLimits().get("nvidia.com/gpu").getAmount()).isEqualTo("1");
    }

    @Test
    void anEventDeliveredTwiceIsStoredOnce() {
        EventInbox inbox = worker.context().getBean(EventInbox.class);
        JdbcClient workerDb = worker.context().getBean(JdbcClient.class);
        String endpoint = UUID.randomUUID().toString();
        StreamedEvent deleted = new StreamedEvent(UUID.randomUUID().toString(), endpoint, 7, Instant.now(),
                new EndpointDeleted(endpoint, unique("gone"), "admin@example.com", Instant.now(), "test"));

        assertThat(inbox.accept(deleted)).isTrue();
        assertThat(inbox.accept(deleted)).isFalse();

        assertThat(workerDb.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(endpoint).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theWorkerReportsHealthAndRolloutMetrics() throws Exception {
        String id = serving(unique("metrics"));
        assertThat(commands.outcomes(id, 0)).hasSize(1);

        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + worker.port();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(metrics.statusCode()).as(metrics.headers().toString()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("inferctl_rollouts_in_flight")
                .containsPattern("inferctl_rollouts_outcomes_total\\{.*outcome=\"succeeded\".*} [1-9]");
    }

    @Test
    void aFailedFirstVersionLeavesNothingBehindAndTheNextUpdateServes() {
        String name = unique("firstfail");
        String id = create(name, with(config(), "model", Map.of("source", "hf://meta-llama/Llama-9-Unknown")));

        assertThat(awaitOutcome(id, 0).payload().get("code").asText()).isEqualTo("MODEL_NOT_FOUND");
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).isEmpty());
        assertThat(view.service(name)).isNull();

        int v1 = commands.update(id, Map.of("model", Map.of("source", "hf://meta-llama/Llama-3.1-8B-Instruct")));
        assertThat(awaitOutcome(id, v1).simpleType()).isEqualTo("RolloutSucceeded");
        assertThat(view.servedVersion(name)).isEqualTo(v1);
    }
}
