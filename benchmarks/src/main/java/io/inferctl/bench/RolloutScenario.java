package io.inferctl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;


/**
 * Scenario 6: from a version accepted (its {@code createdAt}) to traffic switched (its
 * {@code RolloutSucceeded}), both stamped by the command service, one rollout after another on a
 * simulated cluster whose pods start at once, after a few untimed ones. Beside it, the cluster's
 * own share: a bare one-GPU Deployment from create to its replica ready.
 */
final class RolloutScenario {

    private static final String NAMESPACE = "default";
    private static final int WARM_UP_ROLLOUTS = 5;
    private static final int CONFLICT = 409;
    private static final String CONCURRENT_MODIFICATION = "CONCURRENT_MODIFICATION";
    private static final int MAX_ATTEMPTS = 5;

    private final Stack stack;
    private final Api api;
    private final Scale scale;
    private final Report report;
    private int retriedConflicts;

    RolloutScenario(Scenario scenario) {
        this.stack = scenario.stack();
        this.api = scenario.api();
        this.scale = scenario.scale();
        this.report = scenario.report();
    }

    void run() throws IOException {
        Latency cluster = bareDeployments();
        Latency overhead = overhead();
        report.add("6. Rollout overhead (" + scale.rollouts() + " rollouts after " + warmUpRollouts(scale) + " untimed, zero start-up delay)",
                "accepted to traffic switched: " + overhead.summary(),
                "the cluster alone, a bare 1-GPU Deployment created to ready: " + cluster.summary(),
                "p99 <= 500 ms", overhead.percentileMillis(99) <= 500);
    }

    /** Rollouts not timed before the measured ones: as the other scenarios warm up before they measure. */
    static int warmUpRollouts(Scale scale) {
        return scale.quick() ? 1 : WARM_UP_ROLLOUTS;
    }

    /** A new endpoint, then one version after another: each from accepted to traffic switched, after the untimed ones. */
    Latency overhead() {
        Api.Answer created = api.createEndpoint("NVIDIA_H100").expect(201);
        String id = created.json().get("endpointId").asText();
        JsonNode first = api.rolledOut(id, 0);
        if (!"CURRENT".equals(first.path("status").asText())) {
            throw new IllegalStateException("the first version did not roll out: " + first);
        }
        Latency overhead = new Latency();
        int warmUp = warmUpRollouts(scale);
        for (int i = 1; i <= warmUp + scale.rollouts(); i++) {
            int version = change(id, 16 + i % 200).json().get("version").asInt();
            JsonNode done = api.rolledOut(id, version);
            if (!"CURRENT".equals(done.path("status").asText())) {
                throw new IllegalStateException("version " + version + " did not roll out: " + done);
            }
            Instant accepted = Instant.parse(done.path("createdAt").asText());
            Instant switched = null;
            for (JsonNode step : done.path("timeline")) {
                if (step.path("event").asText().equals("RolloutSucceeded")) {
                    switched = Instant.parse(step.path("at").asText());
                }
            }
            if (i > warmUp) {
                overhead.recordNanos(Duration.between(accepted, switched).toNanos());
            }
        }
        return overhead;
    }


    /**
     * A client's change, sent again while the API answers that another change to the endpoint was
     * accepted at the same moment, as its answer advises: a worker's report (e.g. the superseded
     * version turned warm) on another command-service instance, which the aggregate's lock in one
     * JVM does not serialize against it. Only the accepted attempt's version is timed.
     */
    private Api.Answer change(String endpointId, int maxBatchSize) {
        for (int attempt = 1; ; attempt++) {
            Api.Answer answer = api.changeBatchSize(endpointId, maxBatchSize);
            if (answer.status() != CONFLICT || !answer.body().contains(CONCURRENT_MODIFICATION) || attempt == MAX_ATTEMPTS) {
                return answer.expect(202);
            }
            retriedConflicts++;
        }
    }

    /** Changes answered 409 CONCURRENT_MODIFICATION and sent again so far. */
    int retriedConflicts() {
        return retriedConflicts;
    }

    private Latency bareDeployments() throws IOException {
        Latency latency = new Latency();
        String kubeconfig = Files.readString(Path.of(stack.kubeconfig()));
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
            int samples = Math.max(3, Math.min(30, scale.rollouts()));
            for (int i = 0; i < samples; i++) {
                String name = "bench-bare-" + i;
                Deployment deployment = new DeploymentBuilder()
                        .withNewMetadata().withName(name).withNamespace(NAMESPACE).endMetadata()
                        .withNewSpec().withReplicas(1)
                            .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                            .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                                .withNewSpec().addNewContainer().withName("main").withImage("registry.local/bench:1")
                                    .withNewResources().withLimits(Map.of("nvidia.com/gpu", new Quantity("1")))
                                        .withRequests(Map.of("nvidia.com/gpu", new Quantity("1"))).endResources()
                                .endContainer().endSpec()
                            .endTemplate()
                        .endSpec().build();
                long start = System.nanoTime();
                client.apps().deployments().inNamespace(NAMESPACE).resource(deployment).create();
                client.apps().deployments().inNamespace(NAMESPACE).withName(name).waitUntilCondition(
                        d -> d != null && d.getStatus() != null && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()),
                        1, TimeUnit.MINUTES);
                latency.recordNanos(System.nanoTime() - start);
                client.apps().deployments().inNamespace(NAMESPACE).withName(name).delete();
            }
        }
        return latency;
    }
}
