package io.inferctl.events.version;

/**
 * Lifecycle of a version: {@code PENDING -> ROLLING_OUT -> CURRENT -> SUPERSEDED}, or a rollout that
 * ends in {@code FAILED} or {@code CANCELLED}.
 */
public enum VersionStatus {
    PENDING,
    ROLLING_OUT,
    CURRENT,
    SUPERSEDED,
    FAILED,
    CANCELLED;

    /** Whether a rollout of this version is still open, which blocks any other change to the endpoint. */
    public boolean inProgress() {
        return this == PENDING || this == ROLLING_OUT;
    }
}
