package io.inferctl.query.projection.model;

import io.inferctl.events.CanaryPromotionRequested;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.RolloutCancelled;
import io.inferctl.events.RolloutFailed;
import io.inferctl.events.RolloutProgressed;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.VersionStandbyEnded;
import io.inferctl.events.VersionStandbyStarted;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.version.VersionStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A version's row in the read model: its immutable snapshot and metadata, plus the status, phase,
 * failure and timeline that its rollout events move on. Changes only through the named methods.
 */
public final class VersionRow {

    private final String endpointId;
    private final int version;
    private final VersionOrigin origin;
    private final Integer rollbackOf;
    private final Integer basedOn;
    private final String createdBy;
    private final Instant createdAt;
    private final String comment;
    private final EndpointConfig config;
    private final List<FieldChange> changes;
    private final List<TimelineEntry> timeline;
    private VersionStatus status;
    private RolloutPhase phase;
    /** The share of traffic of the last progress, while the phase is CANARY; {@code null} otherwise. */
    private Integer canaryPercent;
    private Failure failure;
    private boolean cancellationRequested;
    private Standby standby;
    /** How many timeline entries were stored before {@link #timeline} (the position of its first entry). */
    private int storedTimelineEntries;
    private boolean timelineAppended;

    public VersionRow(String endpointId, int version, VersionStatus status, RolloutPhase phase, VersionOrigin origin,
                      Integer rollbackOf, Integer basedOn, String createdBy, Instant createdAt, String comment,
                      EndpointConfig config,
                      List<FieldChange> changes, Failure failure, boolean cancellationRequested,
                      List<TimelineEntry> timeline) {
        this.endpointId = endpointId;
        this.version = version;
        this.status = status;
        this.phase = phase;
        this.origin = origin;
        this.rollbackOf = rollbackOf;
        this.basedOn = basedOn;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.comment = comment;
        this.config = config;
        this.changes = List.copyOf(changes);
        this.failure = failure;
        this.cancellationRequested = cancellationRequested;
        this.timeline = new ArrayList<>(timeline);
    }

    /**
     * A version as the projector loads it to apply a rollout event: everything but its snapshot,
     * changes and timeline. Snapshot and changes never change after creation and are never written
     * back ({@link #config()} is {@code null} and {@link #changes()} empty on such a row); the
     * timeline only grows, so {@link #timeline()} holds just the entries added since it was loaded,
     * which are appended to the {@code storedTimelineEntries} stored ones ({@link #timelineAppended()}).
     */
    public static VersionRow rolloutState(String endpointId, int version, VersionStatus status, RolloutPhase phase,
                                          VersionOrigin origin, Integer rollbackOf, String createdBy, Instant createdAt,
                                          String comment, Failure failure, boolean cancellationRequested,
                                          int storedTimelineEntries) {
        VersionRow row = new VersionRow(endpointId, version, status, phase, origin, rollbackOf, null, createdBy, createdAt,
                comment, null, List.of(), failure, cancellationRequested, List.of());
        row.storedTimelineEntries = storedTimelineEntries;
        row.timelineAppended = true;
        return row;
    }

    public static VersionRow created(EndpointVersionCreated event) {
        return new VersionRow(event.endpointId(), event.version(), VersionStatus.PENDING, null, event.origin(),
                event.rollbackOf(), event.basedOn(), event.createdBy(), event.createdAt(), event.comment(), event.config(),
                event.changes() == null ? List.of() : event.changes(), null, false,
                List.of(new TimelineEntry("EndpointVersionCreated", VersionStatus.PENDING, null, event.createdAt(),
                        event.createdBy(), event.comment(), null)));
    }

    public void rolloutStarted(RolloutStarted event) {
        move(VersionStatus.ROLLING_OUT, null, "RolloutStarted", event.startedAt(), event.reportedBy(), null);
    }

    public void rolloutProgressed(RolloutProgressed event) {
        // Only a canary step has a share of traffic; revision 1 of the event (upcast) carries none.
        Integer percent = event.phase() == RolloutPhase.CANARY ? event.canaryPercent() : null;
        move(VersionStatus.ROLLING_OUT, event.phase(), percent, "RolloutProgressed", event.at(), event.reportedBy(),
                event.message());
    }

    /** The worker skips the remaining steps; status and phase move only when it reports them. */
    public void canaryPromotionRequested(CanaryPromotionRequested event) {
        timeline.add(new TimelineEntry("CanaryPromotionRequested", status, phase, event.requestedAt(),
                event.requestedBy(), event.comment(), canaryPercent));
    }

    public void rolloutSucceeded(RolloutSucceeded event) {
        move(VersionStatus.CURRENT, null, "RolloutSucceeded", event.succeededAt(), event.reportedBy(), null);
    }

    /** Another version took over the traffic this one served. */
    public void superseded(RolloutSucceeded event) {
        move(VersionStatus.SUPERSEDED, null, "RolloutSucceeded", event.succeededAt(), event.reportedBy(),
                "superseded by v" + event.version());
    }

    public void rolloutFailed(RolloutFailed event) {
        failure = new Failure(event.category(), event.code(), event.message(), event.step());
        move(VersionStatus.FAILED, null, "RolloutFailed", event.failedAt(), event.reportedBy(), event.message());
    }

    /** The version stays in progress until the worker reports the rollout cancelled. */
    public void cancellationRequested(RolloutCancellationRequested event) {
        cancellationRequested = true;
        timeline.add(new TimelineEntry("RolloutCancellationRequested", status, phase, event.requestedAt(),
                event.requestedBy(), event.comment(), canaryPercent));
    }

    public void rolloutCancelled(RolloutCancelled event) {
        move(VersionStatus.CANCELLED, null, "RolloutCancelled", event.cancelledAt(), event.reportedBy(), null);
    }

    public void standbyStarted(VersionStandbyStarted event) {
        standby = new Standby(event.warmUntil(), event.replicas());
        timeline.add(new TimelineEntry("VersionStandbyStarted", status, phase, event.reportedAt(), event.reportedBy(),
                "kept warm on " + event.replicas() + " replica(s) until " + event.warmUntil(), null));
    }

    public void standbyEnded(VersionStandbyEnded event) {
        standby = null;
        timeline.add(new TimelineEntry("VersionStandbyEnded", status, phase, event.reportedAt(), event.reportedBy(),
                event.reason() + (event.message() == null ? "" : ": " + event.message()), null));
    }

    /** As stored: the standby a loaded row had. */
    public VersionRow withStandby(Standby stored) {
        standby = stored;
        return this;
    }

    /** As stored: the canary's share of traffic a loaded row had. */
    public VersionRow withCanaryPercent(Integer stored) {
        canaryPercent = stored;
        return this;
    }

    private void move(VersionStatus newStatus, RolloutPhase newPhase, String event, Instant at, String by,
                      String message) {
        move(newStatus, newPhase, null, event, at, by, message);
    }

    private void move(VersionStatus newStatus, RolloutPhase newPhase, Integer newCanaryPercent, String event,
                      Instant at, String by, String message) {
        status = newStatus;
        phase = newPhase;
        canaryPercent = newCanaryPercent;
        timeline.add(new TimelineEntry(event, newStatus, newPhase, at, by, message, newCanaryPercent));
    }

    public String endpointId() {
        return endpointId;
    }

    public int version() {
        return version;
    }

    public VersionStatus status() {
        return status;
    }

    public RolloutPhase phase() {
        return phase;
    }

    public VersionOrigin origin() {
        return origin;
    }

    public Integer rollbackOf() {
        return rollbackOf;
    }

    /** The version this one was built from; {@code null} for v0 and on a row loaded for its rollout state. */
    public Integer basedOn() {
        return basedOn;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String comment() {
        return comment;
    }

    public EndpointConfig config() {
        return config;
    }

    public List<FieldChange> changes() {
        return changes;
    }

    /** The version's share of traffic while its phase is CANARY; {@code null} otherwise. */
    public Integer canaryPercent() {
        return canaryPercent;
    }

    public Failure failure() {
        return failure;
    }

    public boolean cancellationRequested() {
        return cancellationRequested;
    }

    /** Whether and until when the version is kept warm; {@code null} when it is not. */
    public Standby standby() {
        return standby;
    }

    /** The timeline, or on a row loaded by {@link #rolloutState} the entries added since. */
    public List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }

    /** Whether this row was loaded by {@link #rolloutState}: {@link #timeline()} continues a stored timeline. */
    public boolean timelineAppended() {
        return timelineAppended;
    }

    /** The position (from 0) of the first entry of {@link #timeline()} in the version's whole timeline. */
    public int timelineStart() {
        return storedTimelineEntries;
    }

    /** How many entries the version's whole timeline has. */
    public int timelineLength() {
        return storedTimelineEntries + timeline.size();
    }
}
