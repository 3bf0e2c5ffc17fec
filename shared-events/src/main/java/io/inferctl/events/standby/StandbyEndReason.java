package io.inferctl.events.standby;

/** Why a superseded version stopped being kept warm. */
public enum StandbyEndReason {
    /** Its warm standby window ended. */
    EXPIRED,
    /** The endpoint keeps at most a configured number of warm versions; this was the oldest. */
    RETENTION,
    /** A new version with the same settings took its Deployment over: it serves again. */
    REUSED,
    /** A rollout needed the GPUs it held. */
    CAPACITY
}
