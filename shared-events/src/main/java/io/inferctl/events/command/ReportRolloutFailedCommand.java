package io.inferctl.events.command;

import io.inferctl.events.rollout.FailureCode;

/** The version's rollout failed and was compensated. */
public record ReportRolloutFailedCommand(
        String endpointId,
        int version,
        FailureCode code,
        String message,
        String step,
        String reportedBy) implements WorkerReport {
}
