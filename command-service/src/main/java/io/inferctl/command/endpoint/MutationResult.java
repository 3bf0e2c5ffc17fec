package io.inferctl.command.endpoint;

import io.inferctl.events.config.FieldChange;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.version.VersionStatus;

import java.util.List;

/**
 * What an accepted command did to an endpoint: the answer to the caller, and what an idempotent
 * retry gets again.
 *
 * @param version  the version the command created or acted on; for a no-op, the latest version
 * @param status   that version's status after the command
 * @param sequence the endpoint's event sequence after the command (read-your-writes token)
 * @param changed  whether the command appended anything
 * @param basedOn  the version that version was built from ({@code changes} are measured from it); {@code null} for v0
 */
public record MutationResult(
        Kind kind,
        String endpointId,
        String name,
        int version,
        VersionStatus status,
        long sequence,
        boolean changed,
        VersionOrigin origin,
        Integer rollbackOf,
        Integer basedOn,
        List<FieldChange> changes,
        boolean cancellationRequested) {

    public enum Kind {
        CREATED,
        VERSION_CREATED,
        UNCHANGED,
        CANCELLATION_REQUESTED,
        PROMOTION_REQUESTED,
        DELETED,
        ROLLOUT_REPORTED
    }
}
