package io.inferctl.worker.rollout;

import io.inferctl.events.config.EndpointConfig;
import io.inferctl.worker.rollout.health.HealthThresholds;
import io.inferctl.worker.rollout.health.HealthVerdict;

import java.time.Instant;
import java.util.List;

/**
 * What a rollout needs from the GPU cluster. Every operation is idempotent, so a step repeated after
 * a crash does no harm; transient API errors are retried inside, and what cannot succeed is thrown
 * as a {@link ClusterFailure} with its failure code.
 */
public interface Cluster {

    /** Whether enough GPUs are free for the version's rollout replicas, counting what the version already holds. */
    Capacity capacity(VersionRef version, EndpointConfig config, int replicas);

    /** Creates or updates the version's Deployment and HorizontalPodAutoscaler (server-side apply). */
    void applyVersion(VersionRef version, EndpointConfig config, int replicas);

    /** Where the version's pods stand: progressing (with a phase), ready, or failed for good. */
    Observation observe(VersionRef version, int replicas);

    /** Points the endpoint's Service at the version, creating the Service for the first version. */
    void routeTraffic(VersionRef version);

    /**
     * Sends {@code canaryPercent} of the endpoint's traffic to {@code canary} and the rest to
     * {@code serving} (the endpoint's route and one Service per version), returning once the new
     * weights are in force. The same split again changes nothing.
     */
    void splitTraffic(VersionRef serving, VersionRef canary, int canaryPercent);

    /**
     * Ends a split: all of its traffic to {@code to} first (when a split exists), then the route and
     * both versions' own Services are removed. Nothing to end is fine.
     */
    void endSplit(VersionRef to, VersionRef other);

    /**
     * One look at the version's health, judged over the time since the previous look at it; the
     * first look (also the first after a restart of the worker) only sets the baseline: inconclusive.
     */
    HealthVerdict health(VersionRef version, HealthThresholds thresholds);

    /** Removes the version's Deployment and autoscaler; nothing to remove is fine. */
    void removeVersion(VersionRef version);

    /** Removes the endpoint's Service; nothing to remove is fine. */
    void removeService(VersionRef version);

    /** Removes every object of the endpoint, whatever its version: the endpoint was deleted. */
    void removeEndpoint(String endpointId);

    /** The endpoint's Deployments, with what a warm standby and its reuse need to know of each. */
    List<Deployed> deployments(VersionRef anyVersionOfEndpoint);

    /** The version whose Deployment the endpoint's Service selects, or {@code null} when there is no Service. */
    Integer servedDeployment(VersionRef anyVersionOfEndpoint);

    /**
     * Keeps a superseded Deployment warm: without its autoscaler, scaled to {@code replicas}, marked
     * as version {@code warmAs} warm until {@code until}. Idempotent.
     */
    void keepWarm(VersionRef deployment, int warmAs, int replicas, Instant until);

    /**
     * Takes a warm Deployment over for version {@code by}: it is no longer warm, so its standby's end
     * removes nothing, and a start of {@code by} run again after a crash finds it as its own.
     * Idempotent; {@link #keepWarm} puts it back.
     */
    void claim(VersionRef deployment, int by);

    /**
     * One Deployment of the endpoint.
     *
     * @param version   the version it was made for (its name and pod labels)
     * @param workload  {@link Workloads#fingerprint} of what it runs, {@code null} when made before it was recorded
     * @param warmAs    the version it is kept warm for (itself, or a later version that reused it), {@code null} if never warm
     * @param warmUntil when its standby window ends, {@code null} if never warm
     * @param replicas  its desired replicas
     * @param acceleratorType the GPU type its pods run on
     * @param claimedBy the version that took it over from its standby, {@code null} if none did
     */
    record Deployed(int version, String workload, Integer warmAs, Instant warmUntil, int replicas,
                    String acceleratorType, Integer claimedBy) {

        /** Kept warm and not taken over since. */
        public boolean warm() {
            return warmUntil != null && claimedBy == null;
        }
    }

    /**
     * @param fits    whether {@code replicas} replicas fit on free GPUs of the type
     * @param summary what is free, for a person: included in the failure message
     */
    record Capacity(boolean fits, String summary) {
    }
}
