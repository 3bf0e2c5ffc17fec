package io.inferctl.worker.rollout.kubernetes;

import io.inferctl.worker.retry.ShortRetry;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where and how versions run on the cluster.
 *
 * @param kubeconfig        a kubeconfig file to use; empty for the standard lookup ({@code KUBECONFIG},
 *                          {@code ~/.kube/config}, then the in-cluster service account)
 * @param namespace         the namespace of every Deployment, autoscaler and Service
 * @param namePrefix        put before every object name: Service {@code <prefix><name>}, version objects {@code <prefix><name>-v<n>}
 * @param engineImage       the inference engine's container image
 * @param containerName     the engine container's name
 * @param enginePort        the port the engine serves on (passed as {@code --port}) and the readiness probe's
 * @param servicePort       the port the endpoint's Service exposes
 * @param readinessPath     the engine's HTTP readiness path
 * @param readinessPeriodSeconds how often the kubelet probes it
 * @param gpuResource       the extended resource each replica requests
 * @param gpuTypeLabel      the node label carrying the accelerator type (NVIDIA GPU feature discovery's)
 * @param fieldManager      the server-side apply field manager
 * @param cpuUtilizationPercent the autoscaler's target average CPU utilisation
 * @param requestTimeout    timeout of one API request
 * @param labels            label keys on every object
 * @param retry             retries of transient API errors
 */
@ConfigurationProperties("inferctl.kubernetes")
public record KubernetesProperties(
        @DefaultValue("") String kubeconfig,
        @DefaultValue("default") String namespace,
        @DefaultValue("") String namePrefix,
        @DefaultValue("ghcr.io/inferctl/engine:1.0") String engineImage,
        @DefaultValue("engine") String containerName,
        @DefaultValue("8000") int enginePort,
        @DefaultValue("80") int servicePort,
        @DefaultValue("/health") String readinessPath,
        @DefaultValue("5") int readinessPeriodSeconds,
        @DefaultValue("nvidia.com/gpu") String gpuResource,
        @DefaultValue("nvidia.com/gpu.product") String gpuTypeLabel,
        @DefaultValue("inferctl-rollout-worker") String fieldManager,
        @DefaultValue("80") int cpuUtilizationPercent,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue Labels labels,
        @DefaultValue Retry retry) {

    /**
     * @param endpointId   carries the endpoint's id (selector of the Service, with {@code version})
     * @param endpointName carries the endpoint's name (informative)
     * @param version      carries the version number
     * @param managedBy    {@code app.kubernetes.io/managed-by}, valued {@code inferctl}
     */
    public record Labels(
            @DefaultValue("inferctl.io/endpoint-id") String endpointId,
            @DefaultValue("inferctl.io/endpoint") String endpointName,
            @DefaultValue("inferctl.io/version") String version,
            @DefaultValue("app.kubernetes.io/managed-by") String managedBy) {
    }

    /**
     * Exponential backoff with jitter between attempts of one API call ({@link ShortRetry}).
     *
     * @param maxAttempts    attempts in all, the first included
     * @param initialBackoff the first wait's upper bound
     * @param maxBackoff     the cap of every wait
     */
    public record Retry(
            @DefaultValue("6") int maxAttempts,
            @DefaultValue("100ms") Duration initialBackoff,
            @DefaultValue("2s") Duration maxBackoff) {

        public ShortRetry policy() {
            return new ShortRetry(maxAttempts, initialBackoff, maxBackoff);
        }
    }
}
