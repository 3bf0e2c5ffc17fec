package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.inferctl.worker.rollout.Cluster;
import io.inferctl.worker.rollout.VersionRef;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The cluster side of warm standbys: what an endpoint's Deployments run and whether they are warm
 * (annotations on each Deployment, so the cluster itself says what may be reused), which one the
 * Service selects, and scaling a superseded one down to its standby.
 */
final class WarmDeployments {

    static final String WORKLOAD = "inferctl.io/workload";
    static final String WARM_AS = "inferctl.io/warm-as-version";
    static final String WARM_UNTIL = "inferctl.io/warm-until";
    static final String CLAIMED_BY = "inferctl.io/claimed-by-version";

    private final KubernetesClient client;
    private final KubernetesProperties properties;
    private final ObjectNames names;
    private final ClusterCalls calls;

    WarmDeployments(KubernetesClient client, KubernetesProperties properties, ObjectNames names, ClusterCalls calls) {
        this.client = client;
        this.properties = properties;
        this.names = names;
        this.calls = calls;
    }

    List<Cluster.Deployed> list(VersionRef any) {
        List<Deployment> deployments = calls.call("list Deployments of " + any.name(), () -> client.apps().deployments()
                .inNamespace(properties.namespace()).withLabel(names.endpointIdLabel(), any.endpointId()).list().getItems());
        return deployments.stream()
                .filter(d -> d.getMetadata().getDeletionTimestamp() == null)
                .filter(d -> labels(d).containsKey(properties.labels().version()))
                .map(this::deployed).toList();
    }

    Integer served(VersionRef any) {
        Service service = calls.call("read Service " + names.service(any), () -> client.services()
                .inNamespace(properties.namespace()).withName(names.service(any)).get());
        if (service == null || service.getSpec() == null || service.getSpec().getSelector() == null) {
            return null;
        }
        String version = service.getSpec().getSelector().get(properties.labels().version());
        return version == null ? null : Integer.valueOf(version);
    }

    /** Without its autoscaler, which would scale it back to the version's minimum; applying the version again brings it back. */
    void keepWarm(VersionRef deployment, int warmAs, int replicas, Instant until) {
        String name = names.version(deployment);
        calls.run("delete HorizontalPodAutoscaler " + name, () -> client.autoscaling().v2().horizontalPodAutoscalers()
                .inNamespace(properties.namespace()).withName(name).delete());
        String patch = "{\"metadata\":{\"annotations\":{\"" + WARM_AS + "\":\"" + warmAs + "\",\"" + WARM_UNTIL + "\":\""
                + until + "\",\"" + CLAIMED_BY + "\":null}},\"spec\":{\"replicas\":" + replicas + "}}";
        calls.run("scale Deployment " + name + " to its warm standby", () -> client.apps().deployments()
                .inNamespace(properties.namespace()).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    }

    /** The warm annotations stay: they say what to put back if the version that claimed it fails. */
    void claim(VersionRef deployment, int by) {
        String name = names.version(deployment);
        String patch = "{\"metadata\":{\"annotations\":{\"" + CLAIMED_BY + "\":\"" + by + "\"}}}";
        calls.run("take warm Deployment " + name + " over", () -> client.apps().deployments()
                .inNamespace(properties.namespace()).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    }

    private Cluster.Deployed deployed(Deployment d) {
        Map<String, String> annotations = d.getMetadata().getAnnotations() == null ? Map.of() : d.getMetadata().getAnnotations();
        String warmAs = annotations.get(WARM_AS);
        String warmUntil = annotations.get(WARM_UNTIL);
        String claimedBy = annotations.get(CLAIMED_BY);
        Integer replicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
        return new Cluster.Deployed(Integer.parseInt(labels(d).get(properties.labels().version())),
                annotations.get(WORKLOAD),
                warmAs == null ? null : Integer.valueOf(warmAs),
                warmUntil == null ? null : Instant.parse(warmUntil),
                replicas == null ? 1 : replicas,
                d.getSpec() == null || d.getSpec().getTemplate().getSpec().getNodeSelector() == null ? null
                        : d.getSpec().getTemplate().getSpec().getNodeSelector().get(properties.gpuTypeLabel()),
                claimedBy == null ? null : Integer.valueOf(claimedBy));
    }

    private static Map<String, String> labels(Deployment d) {
        return d.getMetadata().getLabels() == null ? Map.of() : d.getMetadata().getLabels();
    }
}
