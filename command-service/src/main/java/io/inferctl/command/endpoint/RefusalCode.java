package io.inferctl.command.endpoint;

/** Why the Endpoint aggregate refused a command. The web layer maps each code to an HTTP status. */
public enum RefusalCode {
    ENDPOINT_NOT_FOUND,
    ENDPOINT_DELETED,
    NAME_TAKEN,
    STALE_VERSION,
    ROLLOUT_IN_PROGRESS,
    INVALID_CONFIGURATION,
    VERSION_NOT_FOUND,
    ROLLBACK_TARGET_NOT_FOUND,
    ROLLBACK_TARGET_NEVER_SERVED,
    VERSION_NOT_IN_PROGRESS,
    ROLLOUT_NOT_STARTED,
    CANCELLATION_NOT_REQUESTED,
    CANCELLED_IS_NOT_A_FAILURE
}
