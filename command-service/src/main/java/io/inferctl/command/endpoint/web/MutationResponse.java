package io.inferctl.command.endpoint.web;

import io.inferctl.command.endpoint.MutationResult;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.version.VersionStatus;

import java.util.List;

/**
 * The answer to every accepted mutation.
 *
 * @param sequence the endpoint's event sequence after the change: pass it to the query API to read your writes
 * @param basedOn  the version this version was built from, which {@code changes} compare with; {@code null} for v0
 * @param dryRun   whether this answers a dry run ({@code ?dryRun=true}): what the call would do, with nothing stored
 */
public record MutationResponse(
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
        boolean cancellationRequested,
        boolean dryRun) {

    static MutationResponse of(MutationResult result, boolean dryRun) {
        return new MutationResponse(result.endpointId(), result.name(), result.version(), result.status(),
                result.sequence(), result.changed(), result.origin(), result.rollbackOf(), result.basedOn(), result.changes(),
                result.cancellationRequested(), dryRun);
    }
}
