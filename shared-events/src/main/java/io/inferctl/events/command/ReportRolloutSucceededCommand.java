package io.inferctl.events.command;

/** Traffic switched to the version. */
public record ReportRolloutSucceededCommand(String endpointId, int version, String reportedBy) implements WorkerReport {
}
