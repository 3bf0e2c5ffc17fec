package io.inferctl.command.web;

import io.inferctl.command.endpoint.RefusalCode;
import org.springframework.http.HttpStatus;

import java.util.Optional;

/**
 * How each refusal of the Endpoint reads in an answer. Every switch here names every code and has no
 * {@code default}: a new {@link RefusalCode} does not compile until it is given a status, a title and
 * (or no) field, so it can never fall through to a guessed status.
 */
public final class RefusalProblems {

    private RefusalProblems() {
    }

    public static HttpStatus status(RefusalCode code) {
        return switch (code) {
            case ENDPOINT_NOT_FOUND, VERSION_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ENDPOINT_DELETED -> HttpStatus.GONE;
            case STALE_VERSION -> HttpStatus.PRECONDITION_FAILED;
            case NAME_TAKEN, ROLLOUT_IN_PROGRESS, VERSION_NOT_IN_PROGRESS, ROLLOUT_NOT_STARTED,
                 CANCELLATION_NOT_REQUESTED, NOT_IN_CANARY -> HttpStatus.CONFLICT;
            case INVALID_CONFIGURATION, ROLLBACK_TARGET_NOT_FOUND, ROLLBACK_TARGET_NEVER_SERVED,
                 BASE_VERSION_NOT_FOUND, BASE_VERSION_NEVER_SERVED, CANCELLED_IS_NOT_A_FAILURE,
                 INVALID_CANARY_PERCENT ->
                    HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    static String title(RefusalCode code) {
        return switch (code) {
            case ENDPOINT_NOT_FOUND -> "Endpoint not found";
            case ENDPOINT_DELETED -> "Endpoint deleted";
            case NAME_TAKEN -> "Name taken";
            case STALE_VERSION -> "Endpoint changed since you read it";
            case ROLLOUT_IN_PROGRESS -> "Rollout in progress";
            case INVALID_CONFIGURATION -> "Invalid configuration";
            case VERSION_NOT_FOUND -> "Version not found";
            case ROLLBACK_TARGET_NOT_FOUND -> "Rollback target does not exist";
            case ROLLBACK_TARGET_NEVER_SERVED -> "Rollback target never served";
            case BASE_VERSION_NOT_FOUND -> "Base version does not exist";
            case BASE_VERSION_NEVER_SERVED -> "Base version cannot be built on";
            case VERSION_NOT_IN_PROGRESS -> "No rollout in progress";
            case ROLLOUT_NOT_STARTED -> "Rollout not started";
            case CANCELLATION_NOT_REQUESTED -> "Cancellation not requested";
            case CANCELLED_IS_NOT_A_FAILURE -> "Cancellation reported as failure";
            case NOT_IN_CANARY -> "Version not in canary";
            case INVALID_CANARY_PERCENT -> "Canary percent does not fit the phase";
        };
    }

    /** The request field a refusal is about, named in the answer's {@code errors}; none for the endpoint's state. */
    static Optional<String> field(RefusalCode code) {
        return Optional.ofNullable(switch (code) {
            case NAME_TAKEN -> "name";
            case STALE_VERSION -> "If-Match";
            case ROLLBACK_TARGET_NOT_FOUND, ROLLBACK_TARGET_NEVER_SERVED -> "targetVersion";
            case BASE_VERSION_NOT_FOUND, BASE_VERSION_NEVER_SERVED -> "baseVersion";
            case CANCELLED_IS_NOT_A_FAILURE -> "code";
            case INVALID_CANARY_PERCENT -> "canaryPercent";
            // Configuration violations name their own fields.
            case INVALID_CONFIGURATION, ENDPOINT_NOT_FOUND, ENDPOINT_DELETED, ROLLOUT_IN_PROGRESS, VERSION_NOT_FOUND,
                 VERSION_NOT_IN_PROGRESS, ROLLOUT_NOT_STARTED, CANCELLATION_NOT_REQUESTED, NOT_IN_CANARY -> null;
        });
    }
}
