package io.inferctl.events.config;

/**
 * How a version reaches traffic and what stays behind after it does. Part of every snapshot, so
 * a policy change is a version with its diff like any other setting, and a rollback restores the
 * policy of its target too.
 *
 * @param strategy             {@link #BLUE_GREEN} (every replica ready, then all traffic at once) or
 *                             {@link #CANARY} (traffic shifted by {@code canarySteps})
 * @param canarySteps          the canary's steps, e.g. {@code 10%:5m,50%:5m} ({@link CanarySteps}); {@code null} for none
 * @param bakeSeconds          how long the new version is watched at full traffic before the rollout ends
 * @param warmStandbySeconds   how long the superseded version keeps running after a switch; 0 removes it at once
 * @param standbyReplicas      the replicas a superseded version keeps while warm
 * @param maxErrorRatePercent  the error rate (percent of requests) past which a canary or bake fails
 * @param maxP99LatencyMs      the p99 latency past which a canary or bake fails; 0 checks none
 */
public record RolloutPolicy(
        String strategy,
        String canarySteps,
        int bakeSeconds,
        int warmStandbySeconds,
        int standbyReplicas,
        int maxErrorRatePercent,
        int maxP99LatencyMs) {

    public static final String BLUE_GREEN = "BLUE_GREEN";
    public static final String CANARY = "CANARY";

    /**
     * The policy of a snapshot written before the rollout section existed, and the defaults a
     * create request gets: blue/green with the superseded version warm for 30 minutes on one replica.
     */
    public static final RolloutPolicy DEFAULT = new RolloutPolicy(BLUE_GREEN, null, 0, 1800, 1, 5, 0);

    /** Whether a superseded version is kept running after a switch. */
    public boolean keepsWarmStandby() {
        return warmStandbySeconds > 0;
    }
}
