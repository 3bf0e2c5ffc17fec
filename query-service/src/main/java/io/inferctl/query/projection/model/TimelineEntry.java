package io.inferctl.query.projection.model;

import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One step in a version's life, in the order it happened.
 *
 * @param event  the event's name, e.g. {@code RolloutProgressed}
 * @param status the version's status after the step
 * @param phase  the rollout phase after the step, while rolling out
 * @param by     who caused the step: the creator, the rollout worker, the user who cancelled
 * @param canaryPercent the version's share of traffic after the step, in phase {@code CANARY} only
 */
public record TimelineEntry(String event, VersionStatus status, RolloutPhase phase, Instant at, String by,
                            String message, Integer canaryPercent) {

    public TimelineEntry {
        // Rounded as PostgreSQL rounds a timestamptz (to the nearest microsecond), so a step's time equals
        // the version's createdAt or the audit entry's occurredAt for the same event, to the digit.
        at = at == null ? null : at.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }
}
