package io.inferctl.query.projection.model;

import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.RolloutCancelled;
import io.inferctl.events.RolloutFailed;
import io.inferctl.events.RolloutProgressed;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionStatus;

import java.time.Instant;

/**
 * An endpoint's row in the read model. It changes only through the named methods below, one per
 * event, and its status is always derived, never assigned.
 */
public final class EndpointRow {

    private final String endpointId;
    private final Instant createdAt;
    private String name;
    private Integer currentVersion;
    private int latestVersion;
    private Integer inProgressVersion;
    private VersionStatus inProgressStatus;
    private RolloutPhase inProgressPhase;
    /** The version in progress's share of traffic while its phase is CANARY; {@code null} otherwise. */
    private Integer inProgressCanaryPercent;
    private boolean cancellationRequested;
    private long lastSequence;
    private Instant updatedAt;
    private Instant deletedAt;
    private String deletedBy;

    public EndpointRow(String endpointId, String name, Integer currentVersion, int latestVersion,
                       Integer inProgressVersion, VersionStatus inProgressStatus, RolloutPhase inProgressPhase,
                       boolean cancellationRequested, long lastSequence, Instant createdAt, Instant updatedAt,
                       Instant deletedAt, String deletedBy) {
        this.endpointId = endpointId;
        this.name = name;
        this.currentVersion = currentVersion;
        this.latestVersion = latestVersion;
        this.inProgressVersion = inProgressVersion;
        this.inProgressStatus = inProgressStatus;
        this.inProgressPhase = inProgressPhase;
        this.cancellationRequested = cancellationRequested;
        this.lastSequence = lastSequence;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.deletedAt = deletedAt;
        this.deletedBy = deletedBy;
    }

    /** The row of an endpoint whose first version was just created (at sequence 0). */
    public static EndpointRow firstVersionCreated(EndpointVersionCreated event) {
        EndpointRow row = new EndpointRow(event.endpointId(), event.name(), null, event.version(), null, null, null,
                false, -1, event.createdAt(), event.createdAt(), null, null);
        row.versionCreated(event);
        return row;
    }

    public void versionCreated(EndpointVersionCreated event) {
        name = event.name();
        latestVersion = event.version();
        currentVersion = event.currentVersion();
        startTracking(event.version(), VersionStatus.PENDING);
        updatedAt = event.createdAt();
    }

    public void rolloutStarted(RolloutStarted event) {
        inProgressStatus = VersionStatus.ROLLING_OUT;
        inProgressPhase = null;
        inProgressCanaryPercent = null;
        updatedAt = event.startedAt();
    }

    public void rolloutProgressed(RolloutProgressed event) {
        inProgressStatus = VersionStatus.ROLLING_OUT;
        inProgressPhase = event.phase();
        inProgressCanaryPercent = event.phase() == RolloutPhase.CANARY ? event.canaryPercent() : null;
        updatedAt = event.at();
    }

    public void rolloutSucceeded(RolloutSucceeded event) {
        currentVersion = event.version();
        stopTracking();
        updatedAt = event.succeededAt();
    }

    public void rolloutFailed(RolloutFailed event) {
        currentVersion = event.currentVersion();
        stopTracking();
        updatedAt = event.failedAt();
    }

    public void cancellationRequested(RolloutCancellationRequested event) {
        cancellationRequested = true;
        updatedAt = event.requestedAt();
    }

    public void rolloutCancelled(RolloutCancelled event) {
        currentVersion = event.currentVersion();
        stopTracking();
        updatedAt = event.cancelledAt();
    }

    public void deleted(EndpointDeleted event) {
        deletedAt = event.deletedAt();
        deletedBy = event.deletedBy();
        updatedAt = event.deletedAt();
    }

    /** Every event, applied or refused, moves the endpoint's position on, so later events can follow. */
    public void reached(long sequence) {
        lastSequence = sequence;
    }

    private void startTracking(int version, VersionStatus status) {
        inProgressVersion = version;
        inProgressStatus = status;
        inProgressPhase = null;
        inProgressCanaryPercent = null;
        cancellationRequested = false;
    }

    private void stopTracking() {
        inProgressVersion = null;
        inProgressStatus = null;
        inProgressPhase = null;
        inProgressCanaryPercent = null;
        cancellationRequested = false;
    }

    public EndpointStatus status() {
        if (deletedAt != null) {
            return EndpointStatus.DELETED;
        }
        if (inProgressVersion != null) {
            return currentVersion == null ? EndpointStatus.DEPLOYING : EndpointStatus.UPDATING;
        }
        return currentVersion == null ? EndpointStatus.NOT_SERVING : EndpointStatus.SERVING;
    }

    public String endpointId() {
        return endpointId;
    }

    public String name() {
        return name;
    }

    public Integer currentVersion() {
        return currentVersion;
    }

    public int latestVersion() {
        return latestVersion;
    }

    public Integer inProgressVersion() {
        return inProgressVersion;
    }

    public VersionStatus inProgressStatus() {
        return inProgressStatus;
    }

    public RolloutPhase inProgressPhase() {
        return inProgressPhase;
    }

    public Integer inProgressCanaryPercent() {
        return inProgressCanaryPercent;
    }

    /** As stored: the canary's share of traffic a loaded row had. */
    public EndpointRow withInProgressCanaryPercent(Integer stored) {
        inProgressCanaryPercent = stored;
        return this;
    }

    public boolean cancellationRequested() {
        return cancellationRequested;
    }

    public long lastSequence() {
        return lastSequence;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public String deletedBy() {
        return deletedBy;
    }
}
