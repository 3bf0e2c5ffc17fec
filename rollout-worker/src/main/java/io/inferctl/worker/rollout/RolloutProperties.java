package io.inferctl.worker.rollout;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How rollouts are paced.
 *
 * @param deadline              a rollout not serving traffic by then fails with TIMEOUT / ROLLOUT_DEADLINE_EXCEEDED
 * @param readinessCheckInterval how often a rollout looks at its pods while it waits for them
 * @param drainDelay            how long the superseded version keeps running after traffic switched,
 *                              so requests in flight on it finish
 * @param compensationRetryInterval how long to wait before trying a compensation again that the cluster refused
 * @param reportRetryInterval   how long to wait before running a step again whose report the command API
 *                              did not take within the short in-line retry
 * @param maxWarmVersions       the most superseded versions an endpoint keeps warm at once; the oldest go first,
 *                              never the one that served last
 * @param canary                how canaries and bakes are watched
 */
@ConfigurationProperties("inferctl.rollout")
public record RolloutProperties(
        @DefaultValue("10m") Duration deadline,
        @DefaultValue("200ms") Duration readinessCheckInterval,
        @DefaultValue("30s") Duration drainDelay,
        @DefaultValue("5s") Duration compensationRetryInterval,
        @DefaultValue("5s") Duration reportRetryInterval,
        @DefaultValue("2") int maxWarmVersions,
        @DefaultValue Canary canary) {

    /**
     * How a canary step or a bake judges the new version's health; the error rate and p99 limits are
     * the version's own rollout policy.
     *
     * @param healthInterval  time between two health looks (each judges the window since the one before)
     * @param maxRestarts     container restarts of the new version since the first look, at most
     * @param maxPodsNotReady pods of the new version not ready at a look, at most
     * @param minRequests     requests a window needs before its error rate and latency are judged
     */
    public record Canary(
            @DefaultValue("10s") Duration healthInterval,
            @DefaultValue("0") int maxRestarts,
            @DefaultValue("0") int maxPodsNotReady,
            @DefaultValue("20") long minRequests) {
    }
}
