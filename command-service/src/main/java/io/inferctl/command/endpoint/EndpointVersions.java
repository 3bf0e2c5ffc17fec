package io.inferctl.command.endpoint;

import io.inferctl.events.CanaryPromotionRequested;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.RolloutCancelled;
import io.inferctl.events.RolloutFailed;
import io.inferctl.events.RolloutProgressed;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.version.VersionStatus;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The version bookkeeping of one {@link Endpoint}: which versions exist, which served, what a change
 * or a rollback builds on, and how far the rollout of the latest version got. It answers the
 * aggregate's questions and refuses what the versions rule out. As an Axon aggregate member it
 * receives every event the aggregate applies; its event-sourcing handlers only assign.
 *
 * <p>Only the latest version can have a rollout, because a new version is created only while no
 * rollout is open; so the rollout state here is that of the latest version.
 */
class EndpointVersions {

    private int latestVersion;
    private VersionStatus latestStatus;
    private VersionOrigin latestOrigin;
    private Integer latestRollbackOf;
    private Integer latestBasedOn;
    private EndpointConfig latestConfig;
    private Integer currentVersion;
    private RolloutPhase phase;
    private String phaseMessage;
    private Integer canaryPercent;
    private boolean promotionRequested;
    private String cancellationRequestedBy;
    /** Snapshots of the versions that once served traffic: the only valid rollback targets. */
    private Map<Integer, EndpointConfig> servedConfigs = new HashMap<>();

    int latest() {
        return latestVersion;
    }

    VersionStatus latestStatus() {
        return latestStatus;
    }

    VersionOrigin latestOrigin() {
        return latestOrigin;
    }

    Integer latestRollbackOf() {
        return latestRollbackOf;
    }

    Integer latestBasedOn() {
        return latestBasedOn;
    }

    /** The version serving traffic, or {@code null} before the first rollout succeeded. */
    Integer current() {
        return currentVersion;
    }

    String cancellationRequestedBy() {
        return cancellationRequestedBy;
    }

    boolean awaitsStart() {
        return latestStatus == VersionStatus.PENDING;
    }

    boolean promotionRequested() {
        return promotionRequested;
    }

    /** A canary's next step is a new report even when its phase and message stay: its share of traffic changed. */
    boolean differsFromReportedPhase(RolloutPhase reportedPhase, String message, Integer percent) {
        return reportedPhase != phase || !Objects.equals(message, phaseMessage) || !Objects.equals(percent, canaryPercent);
    }

    /**
     * What a change builds on by default. A failed or cancelled version is a proposal that never
     * served; building on it would carry what broke it into every later change.
     */
    int servingOrLatest() {
        return currentVersion != null ? currentVersion : latestVersion;
    }

    /** The settings of the latest version or of one that served: the only versions this aggregate keeps. */
    EndpointConfig configOf(int version) {
        return version == latestVersion ? latestConfig : servedConfigs.get(version);
    }

    /** A version a change may be built on: the latest (to retry a proposal) or one that served. */
    int requireBase(int version) {
        if (version < 0 || version > latestVersion) {
            throw new EndpointRefusedException(RefusalCode.BASE_VERSION_NOT_FOUND,
                    "Version " + version + " does not exist; the latest version is " + latestVersion + ".",
                    Map.of("baseVersion", version, "latestVersion", latestVersion));
        }
        if (version != latestVersion && !servedConfigs.containsKey(version)) {
            throw new EndpointRefusedException(RefusalCode.BASE_VERSION_NEVER_SERVED,
                    "Version " + version + " never served and is not the latest, so a change cannot build on it; "
                            + "build on the latest version (" + latestVersion + ") or on one that served: "
                            + servedVersions() + ".",
                    Map.of("baseVersion", version, "latestVersion", latestVersion,
                            "servedVersions", List.copyOf(servedVersions())));
        }
        return version;
    }

    /** The settings a rollback to {@code target} restores: only a version that served is a safe target. */
    EndpointConfig requireRollbackTarget(int target) {
        if (target < 0 || target > latestVersion) {
            throw new EndpointRefusedException(RefusalCode.ROLLBACK_TARGET_NOT_FOUND,
                    "Version " + target + " does not exist; the latest version is " + latestVersion + ".",
                    Map.of("targetVersion", target, "latestVersion", latestVersion));
        }
        EndpointConfig targetConfig = servedConfigs.get(target);
        if (targetConfig == null) {
            throw new EndpointRefusedException(RefusalCode.ROLLBACK_TARGET_NEVER_SERVED,
                    "Version " + target + " never served traffic, so it is not a safe rollback target. "
                            + "Versions that served: " + servedVersions() + ".",
                    Map.of("targetVersion", target, "servedVersions", List.copyOf(servedVersions())));
        }
        return targetConfig;
    }

    void requireExpected(Integer expectedVersion) {
        if (expectedVersion != null && expectedVersion != latestVersion) {
            throw new EndpointRefusedException(RefusalCode.STALE_VERSION,
                    "You last saw version " + expectedVersion + " but the endpoint is at version " + latestVersion
                            + "; read it again and retry.",
                    Map.of("expectedVersion", expectedVersion, "latestVersion", latestVersion));
        }
    }

    /** A new version waits until the open rollout ends, so the version in progress is always the latest. */
    void requireNoOpenRollout(String endpointId) {
        if (latestStatus.inProgress()) {
            throw new EndpointRefusedException(RefusalCode.ROLLOUT_IN_PROGRESS,
                    "Version " + latestVersion + " is " + latestStatus + "; wait until its rollout ends or cancel it with "
                            + "POST /v1/endpoints/" + endpointId + "/versions/" + latestVersion + "/cancel.",
                    Map.of("inProgressVersion", latestVersion, "inProgressStatus", latestStatus));
        }
    }

    void requireOpenRollout(int version) {
        if (version < 0 || version > latestVersion) {
            throw new EndpointRefusedException(RefusalCode.VERSION_NOT_FOUND,
                    "Version " + version + " does not exist; the latest version is " + latestVersion + ".",
                    Map.of("version", version, "latestVersion", latestVersion));
        }
        if (version != latestVersion || !latestStatus.inProgress()) {
            throw new EndpointRefusedException(RefusalCode.VERSION_NOT_IN_PROGRESS,
                    "Version " + version + " has no rollout in progress.", Map.of("version", version));
        }
    }

    void requireStartedRollout(int version) {
        requireOpenRollout(version);
        if (latestStatus == VersionStatus.PENDING) {
            throw new EndpointRefusedException(RefusalCode.ROLLOUT_NOT_STARTED,
                    "The rollout of version " + version + " was not reported as started.", Map.of("version", version));
        }
    }

    /**
     * Promote and abort act on a canary only: the open rollout of the latest version, last reported
     * in phase CANARY or BAKING. Before that nothing has traffic to promote; after it the rollout ended.
     */
    void requireInCanary(int version) {
        if (version < 0 || version > latestVersion) {
            throw new EndpointRefusedException(RefusalCode.VERSION_NOT_FOUND,
                    "Version " + version + " does not exist; the latest version is " + latestVersion + ".",
                    Map.of("version", version, "latestVersion", latestVersion));
        }
        if (version != latestVersion) {
            throw notInCanary(version, "Version " + version + " is not the latest version (" + latestVersion
                    + "); only the latest version has a rollout, so it has no canary to promote or abort.");
        }
        if (!latestStatus.inProgress()) {
            throw notInCanary(version, "Version " + version + " is " + latestStatus
                    + "; its rollout ended, so it has no canary to promote or abort.");
        }
        if (phase != RolloutPhase.CANARY && phase != RolloutPhase.BAKING) {
            throw notInCanary(version, "Version " + version + " is " + latestStatus + " in phase "
                    + (phase == null ? "none yet" : phase.name())
                    + "; only a version in phase CANARY or BAKING can be promoted or aborted.");
        }
    }

    private EndpointRefusedException notInCanary(int version, String message) {
        Map<String, Object> details = new HashMap<>(Map.of("version", version, "latestVersion", latestVersion,
                "latestStatus", latestStatus));
        if (phase != null) {
            details.put("latestPhase", phase);
        }
        return new EndpointRefusedException(RefusalCode.NOT_IN_CANARY, message, details);
    }

    /** Who asked to cancel the open rollout: a rollout ends as cancelled only when someone did. */
    String requireCancellationRequested(int version) {
        if (cancellationRequestedBy == null) {
            throw new EndpointRefusedException(RefusalCode.CANCELLATION_NOT_REQUESTED,
                    "Nobody asked to cancel version " + version + "; report it as failed or succeeded.",
                    Map.of("version", version));
        }
        return cancellationRequestedBy;
    }

    /** Whether the version once served traffic: only such a version is ever kept warm. */
    boolean served(int version) {
        return servedConfigs.containsKey(version);
    }

    private TreeSet<Integer> servedVersions() {
        return new TreeSet<>(servedConfigs.keySet());
    }

    @EventSourcingHandler
    void on(EndpointVersionCreated event) {
        latestVersion = event.version();
        latestStatus = VersionStatus.PENDING;
        latestOrigin = event.origin();
        latestRollbackOf = event.rollbackOf();
        latestBasedOn = event.basedOn();
        latestConfig = event.config();
        phase = null;
        phaseMessage = null;
        canaryPercent = null;
        promotionRequested = false;
        cancellationRequestedBy = null;
    }

    @EventSourcingHandler
    void on(RolloutStarted event) {
        latestStatus = VersionStatus.ROLLING_OUT;
    }

    @EventSourcingHandler
    void on(RolloutProgressed event) {
        phase = event.phase();
        phaseMessage = event.message();
        canaryPercent = event.canaryPercent();
    }

    @EventSourcingHandler
    void on(CanaryPromotionRequested event) {
        promotionRequested = true;
    }

    @EventSourcingHandler
    void on(RolloutSucceeded event) {
        latestStatus = VersionStatus.CURRENT;
        currentVersion = event.version();
        servedConfigs.put(event.version(), latestConfig);
    }

    @EventSourcingHandler
    void on(RolloutFailed event) {
        latestStatus = VersionStatus.FAILED;
    }

    @EventSourcingHandler
    void on(RolloutCancellationRequested event) {
        cancellationRequestedBy = event.requestedBy();
    }

    @EventSourcingHandler
    void on(RolloutCancelled event) {
        latestStatus = VersionStatus.CANCELLED;
    }
}
