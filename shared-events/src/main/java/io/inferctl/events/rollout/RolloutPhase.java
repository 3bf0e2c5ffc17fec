package io.inferctl.events.rollout;

/** Where a rollout stands while its version is {@code ROLLING_OUT}, in the order a rollout passes them. */
public enum RolloutPhase {
    PREFLIGHT,
    REQUESTING_GPUS,
    DOWNLOADING_MODEL,
    STARTING_ENGINE,
    SWITCHING_TRAFFIC
}
