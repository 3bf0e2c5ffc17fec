package io.inferctl.worker.rollout.health;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.inferctl.worker.rollout.VersionRef;
import io.inferctl.worker.rollout.kubernetes.KubernetesProperties;
import io.inferctl.worker.rollout.kubernetes.ObjectNames;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Looks at a version's pods the way a person with {@code kubectl} would: their status from the API,
 * and each ready pod's engine metrics through the API server's pod proxy
 * ({@code GET /api/v1/namespaces/{ns}/pods/{pod}:{port}/proxy/metrics}). That works from outside the
 * cluster network and needs no Prometheus; the worker's service account needs {@code get} on
 * {@code pods/proxy} and {@code list} on {@code pods}. A page that cannot be read leaves that pod out
 * of the engine figures and says so, rather than failing the look: a canary is judged on what is known.
 * A pod list the API refuses throws the client's exception: that look is lost, and the caller (a
 * canary step on a deadline) looks again at its next sample.
 */
public class EngineHealth {

    private final KubernetesClient client;
    private final KubernetesProperties properties;
    private final EngineMetricNames metricNames;
    private final ObjectNames names;
    private final Clock clock;

    public EngineHealth(KubernetesClient client, KubernetesProperties properties, EngineMetricNames metricNames,
                        Clock clock) {
        this.client = client;
        this.properties = properties;
        this.metricNames = metricNames;
        this.names = new ObjectNames(properties);
        this.clock = clock;
    }

    /** The first look of a watch: restarts are counted from here. */
    public HealthSample firstLook(VersionRef version) {
        return look(version, null);
    }

    /** A later look, carrying the first look's restart counts. */
    public HealthSample look(VersionRef version, HealthSample previous) {
        List<Pod> pods = client.pods().inNamespace(properties.namespace()).withLabels(names.selector(version)).list()
                .getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
        Map<String, HealthSample.PodLook> looks = new HashMap<>();
        Map<String, Integer> baseline = new HashMap<>();
        for (Pod pod : pods) {
            String uid = pod.getMetadata().getUid();
            HealthSample.PodLook look = look(pod);
            looks.put(uid, look);
            baseline.put(uid, previous == null ? look.restarts() : previous.restartBaseline().getOrDefault(uid, 0));
        }
        return new HealthSample(clock.instant(), looks, baseline);
    }

    /** The version's health between two looks, judged against {@code thresholds}. */
    public HealthVerdict judge(HealthSample from, HealthSample to, HealthThresholds thresholds) {
        return thresholds.judge(window(from, to));
    }

    public HealthWindow window(HealthSample from, HealthSample to) {
        return HealthWindow.between(from, to, !metricNames.errors().isBlank());
    }

    private HealthSample.PodLook look(Pod pod) {
        String name = pod.getMetadata().getName();
        List<PodCondition> conditions = pod.getStatus() == null ? List.of()
                : Objects.requireNonNullElse(pod.getStatus().getConditions(), List.of());
        List<ContainerStatus> containers = pod.getStatus() == null ? List.of()
                : Objects.requireNonNullElse(pod.getStatus().getContainerStatuses(), List.of());
        boolean ready = conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        int restarts = containers.stream().mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
        if (!ready) {
            return new HealthSample.PodLook(name, false, restarts, null, null);
        }
        String path = "/api/v1/namespaces/" + properties.namespace() + "/pods/" + name + ":" + properties.enginePort()
                + "/proxy" + metricNames.path();
        try {
            String page = client.raw(path);
            if (page == null) {
                return new HealthSample.PodLook(name, true, restarts, null, "no metrics page at " + path);
            }
            return new HealthSample.PodLook(name, true, restarts,
                    PodMetrics.read(PrometheusText.parse(page), metricNames), null);
        } catch (KubernetesClientException e) {
            return new HealthSample.PodLook(name, true, restarts, null, "reading " + path + " failed: " + e.getMessage());
        }
    }
}
