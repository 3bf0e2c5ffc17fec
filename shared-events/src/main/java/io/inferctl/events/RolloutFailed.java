package io.inferctl.events;

import io.inferctl.events.rollout.FailureCategory;
import io.inferctl.events.rollout.FailureCode;

import java.time.Instant;

/**
 * The rollout could not succeed; everything created for it was removed and traffic stayed where it was.
 *
 * @param step           the rollout step that failed, e.g. {@code preflight} or {@code wait-ready}
 * @param currentVersion the version that keeps serving, or {@code null} when none does
 */
@EventRevision("1")
public record RolloutFailed(
        String endpointId,
        int version,
        FailureCategory category,
        FailureCode code,
        String message,
        String step,
        String reportedBy,
        Instant failedAt,
        Integer currentVersion) implements EndpointEvent {
}
