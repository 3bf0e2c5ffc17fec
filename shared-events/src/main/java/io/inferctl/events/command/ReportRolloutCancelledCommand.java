package io.inferctl.events.command;

/** The version's rollout was stopped after a cancellation request and compensated. */
public record ReportRolloutCancelledCommand(String endpointId, int version, String reportedBy) implements WorkerReport {
}
