package io.inferctl.events.command;

import io.inferctl.events.standby.StandbyEndReason;

/** The worker no longer keeps the version warm. */
public record ReportStandbyEndedCommand(String endpointId, int version, StandbyEndReason reason, String message,
                                        String reportedBy) implements WorkerReport {
}
