package io.inferctl.events;

import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.version.VersionOrigin;

import java.time.Instant;
import java.util.List;

/**
 * A new immutable version exists and waits for its rollout ({@code PENDING}).
 *
 * @param name           the endpoint's name (a DNS label), repeated on every version for self-contained readers
 * @param version        0 for the first version, then one more than the latest
 * @param rollbackOf     the version whose settings were copied, when {@code origin} is {@code ROLLBACK}
 * @param config         the full snapshot
 * @param changes        every setting that differs from version {@code basedOn} (all of them for v0)
 * @param basedOn        the version this one was built from: for a change, the version serving traffic
 *                       (or the latest, when nothing serves) unless the caller named another; for a
 *                       rollback, the version serving traffic; {@code null} for v0
 * @param createdBy      the authenticated caller
 * @param currentVersion the version serving traffic when this one was created, or {@code null}
 *                       <p>Revision 3 added {@code config.rollout}; earlier revisions read with
 *                       {@link io.inferctl.events.config.RolloutPolicy#DEFAULT}.
 */
@EventRevision("3")
public record EndpointVersionCreated(
        String endpointId,
        String name,
        int version,
        VersionOrigin origin,
        Integer rollbackOf,
        EndpointConfig config,
        List<FieldChange> changes,
        Integer basedOn,
        String createdBy,
        Instant createdAt,
        String comment,
        Integer currentVersion) implements EndpointEvent {

    /**
     * The shape of revision 1, which had no {@code basedOn}: every change was then built on the
     * latest version, so a revision-1 event is based on the version before it.
     */
    public EndpointVersionCreated(String endpointId, String name, int version, VersionOrigin origin, Integer rollbackOf,
                                  EndpointConfig config, List<FieldChange> changes, String createdBy, Instant createdAt,
                                  String comment, Integer currentVersion) {
        this(endpointId, name, version, origin, rollbackOf, config, changes, basedOnInRevision1(version), createdBy,
                createdAt, comment, currentVersion);
    }

    /** What {@code basedOn} is for an event stored or published at revision 1. */
    public static Integer basedOnInRevision1(int version) {
        return version == 0 ? null : version - 1;
    }
}
