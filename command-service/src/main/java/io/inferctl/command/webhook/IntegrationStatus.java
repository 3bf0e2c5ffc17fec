package io.inferctl.command.webhook;

/** Whether an integration takes deliveries. */
public enum IntegrationStatus {
    ENABLED,
    DISABLED,
    DELETED
}
