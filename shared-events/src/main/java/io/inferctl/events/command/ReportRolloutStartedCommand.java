package io.inferctl.events.command;

/** The worker took the version's rollout on. */
public record ReportRolloutStartedCommand(String endpointId, int version, String reportedBy) implements WorkerReport {
}
