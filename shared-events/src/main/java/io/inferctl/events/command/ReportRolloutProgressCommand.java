package io.inferctl.events.command;

import io.inferctl.events.rollout.RolloutPhase;

/** The version's rollout entered a phase. */
public record ReportRolloutProgressCommand(
        String endpointId,
        int version,
        RolloutPhase phase,
        String message,
        String reportedBy) implements WorkerReport {
}
