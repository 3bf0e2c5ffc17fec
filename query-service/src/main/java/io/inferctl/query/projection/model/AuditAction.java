package io.inferctl.query.projection.model;

/** What an audit entry records: an accepted command, or the outcome of a rollout. */
public enum AuditAction {
    CREATE,
    UPDATE,
    ROLLBACK,
    WEBHOOK,
    CANCEL,
    DELETE,
    ROLLOUT_SUCCEEDED,
    ROLLOUT_FAILED,
    ROLLOUT_CANCELLED
}
