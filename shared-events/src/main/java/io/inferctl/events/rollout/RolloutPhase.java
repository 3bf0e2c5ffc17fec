package io.inferctl.events.rollout;

/** Where a rollout stands while its version is {@code ROLLING_OUT}, in the order a rollout passes them. */
public enum RolloutPhase {
    PREFLIGHT,
    REQUESTING_GPUS,
    DOWNLOADING_MODEL,
    STARTING_ENGINE,
    /** A canary's step: the new version gets the share of traffic its progress names ({@code canaryPercent}). */
    CANARY,
    SWITCHING_TRAFFIC,
    /** The new version has all the traffic and is watched for the policy's bake time before it counts as serving. */
    BAKING
}
