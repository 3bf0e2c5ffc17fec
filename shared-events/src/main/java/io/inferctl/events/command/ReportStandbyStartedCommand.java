package io.inferctl.events.command;

import java.time.Instant;

/** The worker keeps a superseded version warm until {@code warmUntil}. */
public record ReportStandbyStartedCommand(String endpointId, int version, int replicas, Instant warmUntil,
                                          String reportedBy) implements WorkerReport {
}
