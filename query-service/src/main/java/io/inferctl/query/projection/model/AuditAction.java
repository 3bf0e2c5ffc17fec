package io.inferctl.query.projection.model;

/** What an audit entry records: an accepted command (on an endpoint or a webhook integration), or the outcome of a rollout. */
public enum AuditAction {
    CREATE,
    UPDATE,
    ROLLBACK,
    WEBHOOK,
    CANCEL,
    PROMOTE_CANARY,
    DELETE,
    ROLLOUT_SUCCEEDED,
    ROLLOUT_FAILED,
    ROLLOUT_CANCELLED,
    WEBHOOK_INTEGRATION_CREATED,
    WEBHOOK_SECRET_ROTATED,
    WEBHOOK_INTEGRATION_DISABLED,
    WEBHOOK_INTEGRATION_DELETED
}
