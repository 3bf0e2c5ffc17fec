package io.inferctl.events.command;

import io.inferctl.events.rollout.RolloutPhase;

/**
 * The version's rollout entered a phase.
 *
 * @param canaryPercent the new version's share of traffic in phase {@link RolloutPhase#CANARY}, else {@code null}
 */
public record ReportRolloutProgressCommand(
        String endpointId,
        int version,
        RolloutPhase phase,
        String message,
        String reportedBy,
        Integer canaryPercent) implements WorkerReport {
}
