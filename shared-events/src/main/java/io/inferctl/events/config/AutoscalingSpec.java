package io.inferctl.events.config;

/**
 * Replica bounds. {@code minReplicas == 0} means the endpoint may scale to zero.
 *
 * @param cooldownSeconds how long load must stay low before replicas are removed
 */
public record AutoscalingSpec(int minReplicas, int maxReplicas, int cooldownSeconds) {
}
