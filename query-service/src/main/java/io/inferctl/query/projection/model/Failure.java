package io.inferctl.query.projection.model;

import io.inferctl.events.rollout.FailureCategory;
import io.inferctl.events.rollout.FailureCode;

/** Why a version's rollout failed, as the rollout worker classified it. */
public record Failure(FailureCategory category, FailureCode code, String message, String step) {
}
