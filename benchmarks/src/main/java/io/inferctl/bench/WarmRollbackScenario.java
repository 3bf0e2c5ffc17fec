package io.inferctl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Scenario 9: a rollback to a warm version against a cold one, on the same run. Each sample rolls
 * an endpoint back to the version it just superseded and times the command sent to the endpoint's
 * Service selecting other pods (seen by a watch, as a gateway would see it). The warm endpoint keeps
 * superseded versions warm (the default policy), so its rollbacks reuse a running Deployment; the
 * cold one has {@code warmStandbySeconds: 0}, so each of its rollbacks starts new pods. Pods created
 * during the warm rollbacks are counted: there should be none.
 */
final class WarmRollbackScenario {

    private static final String NAMESPACE = "default";
    private static final String ENDPOINT_ID_LABEL = "inferctl.io/endpoint-id";
    private static final Duration OUTCOME_WAIT = Duration.ofMinutes(2);

    private final Api api;
    private final Scale scale;
    private final Report report;
    private final String kubeconfig;

    WarmRollbackScenario(Scenario scenario) throws IOException {
        this.api = scenario.api();
        this.scale = scenario.scale();
        this.report = scenario.report();
        this.kubeconfig = Files.readString(Path.of(scenario.stack().kubeconfig()));
    }

    void run() {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
            Selectors selectors = new Selectors();
            PodsCreated pods = new PodsCreated();
            try (Watch services = client.services().inNamespace(NAMESPACE).watch(selectors);
                 Watch created = client.pods().inNamespace(NAMESPACE).watch(pods)) {
                int samples = scale.quick() ? 2 : scale.rollouts();
                Latency warm = rollbacks(client, api.createEndpoint("NVIDIA_H100").expect(201), samples, true,
                        selectors, pods);
                Latency cold = rollbacks(client, api.createEndpointWithoutWarmStandby("NVIDIA_H100").expect(201), samples,
                        false, selectors, pods);
                double ratio = warm.percentileMillis(50) == 0 ? 0 : cold.percentileMillis(50) / warm.percentileMillis(50);
                report.add("9. Rollback to a warm version (" + samples + " rollbacks each, command sent to Service switched)",
                        "warm: " + warm.summary() + ", pods created: " + pods.warm.get(),
                        "cold rollback of the same change on the same run: " + cold.summary()
                                + String.format(", median %.1fx the warm one", ratio),
                        "warm p99 < 250 ms, >= 10x faster than cold at the median, no pod created",
                        warm.percentileMillis(99) < 250 && ratio >= 10 && pods.warm.get() == 0);
            }
        }
    }

    /** Alternates between two versions' settings by rolling back to the one just superseded. */
    private Latency rollbacks(KubernetesClient client, Api.Answer created, int samples, boolean warm, Selectors selectors,
                              PodsCreated pods) {
        String id = created.json().get("endpointId").asText();
        requireCurrent(api.rolledOut(id, 0));
        String service = api.query("/v1/endpoints/" + id).expect(200).json().get("name").asText();
        int serving = api.changeBatchSize(id, 32).expect(202).json().get("version").asInt();
        requireCurrent(api.rolledOut(id, serving));
        int superseded = 0;
        Latency latency = new Latency();
        for (int i = 0; i < samples; i++) {
            if (warm) {
                awaitWarm(id, superseded);
            }
            // The watch must have seen the selector the cluster has now, or a late event would look like the switch.
            await("the Service watch to catch up").atMost(OUTCOME_WAIT).pollInterval(Duration.ofMillis(5))
                    .until(() -> selectors.of(service).equals(String.valueOf(
                            client.services().inNamespace(NAMESPACE).withName(service).get().getSpec().getSelector())));
            String before = selectors.of(service);
            pods.counting(warm ? id : null);
            long start = System.nanoTime();
            int next = api.rollBack(id, superseded).expect(202).json().get("version").asInt();
            await("the Service of " + service + " to switch").atMost(OUTCOME_WAIT).pollInterval(Duration.ofMillis(1))
                    .until(() -> !Objects.equals(before, selectors.of(service)));
            latency.recordNanos(selectors.changedAt(service) - start);
            requireCurrent(api.rolledOut(id, next));
            pods.counting(null);
            superseded = serving;
            serving = next;
        }
        return latency;
    }

    private void awaitWarm(String endpointId, int version) {
        await("version " + version + " to be warm").atMost(OUTCOME_WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> !api.query("/v1/endpoints/" + endpointId + "/versions/" + version).expect(200).json()
                        .path("standby").isNull());
    }

    private static void requireCurrent(JsonNode version) {
        if (!"CURRENT".equals(version.path("status").asText())) {
            throw new IllegalStateException("version did not roll out: " + version);
        }
    }


    /** Every Service's selector as last seen, and when it last changed (System.nanoTime). */
    private static final class Selectors implements Watcher<Service> {
        private final Map<String, Map<String, String>> selectors = new ConcurrentHashMap<>();
        private final Map<String, Long> changedAt = new ConcurrentHashMap<>();

        @Override
        public void eventReceived(Action action, Service service) {
            long now = System.nanoTime();
            String name = service.getMetadata().getName();
            Map<String, String> selector = action == Action.DELETED || service.getSpec() == null
                    ? Map.of() : Objects.requireNonNullElse(service.getSpec().getSelector(), Map.of());
            Map<String, String> before = selectors.put(name, selector);
            if (!selector.equals(before)) {
                changedAt.put(name, now);
            }
        }

        String of(String service) {
            return String.valueOf(selectors.get(service));
        }

        long changedAt(String service) {
            return changedAt.get(service);
        }

        @Override
        public void onClose(WatcherException cause) {
            throw new IllegalStateException("the Service watch closed", cause);
        }
    }

    /** Pods added for the endpoint being counted, if any. */
    private static final class PodsCreated implements Watcher<Pod> {
        private final AtomicInteger warm = new AtomicInteger();
        private volatile String endpointId;

        void counting(String endpointId) {
            this.endpointId = endpointId;
        }

        @Override
        public void eventReceived(Action action, Pod pod) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (action == Action.ADDED && endpointId != null && labels != null
                    && endpointId.equals(labels.get(ENDPOINT_ID_LABEL))) {
                warm.incrementAndGet();
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            throw new IllegalStateException("the pod watch closed", cause);
        }
    }
}
