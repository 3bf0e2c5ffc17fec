package io.inferctl.command.endpoint;

import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.RolloutCancelled;
import io.inferctl.events.RolloutFailed;
import io.inferctl.events.RolloutProgressed;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.command.CancelRolloutCommand;
import io.inferctl.events.command.CreateEndpointCommand;
import io.inferctl.events.command.DeleteEndpointCommand;
import io.inferctl.events.command.DeployArtifactCommand;
import io.inferctl.events.command.ReportRolloutCancelledCommand;
import io.inferctl.events.command.ReportRolloutFailedCommand;
import io.inferctl.events.command.ReportRolloutProgressCommand;
import io.inferctl.events.command.ReportRolloutStartedCommand;
import io.inferctl.events.command.ReportRolloutSucceededCommand;
import io.inferctl.events.command.RollBackEndpointCommand;
import io.inferctl.events.command.UpdateEndpointConfigCommand;
import io.inferctl.events.command.UserCommand;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.rollout.FailureCategory;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.version.VersionStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One inference endpoint and its history of immutable versions. It decides which changes are
 * allowed; its event-sourcing handlers only record what was decided.
 *
 * <p>Invariant the rules rely on: a new version can only be created while no rollout is open, so
 * the version in progress, if any, is always the latest one.
 */
@Aggregate(snapshotTriggerDefinition = "endpointSnapshotTrigger",
        commandTargetResolver = "endpointCommandTargetResolver")
public class Endpoint {

    @AggregateIdentifier
    private String endpointId;
    private String name;
    private boolean deleted;
    private long sequence;
    private int latestVersion;
    private VersionStatus latestStatus;
    private VersionOrigin latestOrigin;
    private Integer latestRollbackOf;
    private Integer latestBasedOn;
    private EndpointConfig latestConfig;
    private Integer currentVersion;
    private RolloutPhase phase;
    private String phaseMessage;
    private String cancellationRequestedBy;
    /** Snapshots of the versions that once served traffic: the only valid rollback targets. */
    private Map<Integer, EndpointConfig> servedConfigs = new HashMap<>();

    protected Endpoint() {
        // Axon rebuilds the aggregate from its events (or a snapshot) through this constructor.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public MutationResult handle(CreateEndpointCommand command, EndpointPolicy policy, EndpointNameRegistry names,
                                 Clock clock) {
        policy.requireValid(command.name(), command.config());
        if (!names.claim(command.name(), command.endpointId())) {
            throw new EndpointRefusedException(RefusalCode.NAME_TAKEN,
                    "An endpoint named '" + command.name() + "' already exists.", Map.of("name", command.name()));
        }
        List<FieldChange> changes = command.config().changesFrom(null);
        apply(new EndpointVersionCreated(command.endpointId(), command.name(), 0, VersionOrigin.CREATE, null,
                command.config(), changes, null, command.requestedBy(), clock.instant(), command.comment(), null));
        return result(MutationResult.Kind.CREATED, true, changes);
    }

    @CommandHandler
    public MutationResult handle(UpdateEndpointConfigCommand command, EndpointPolicy policy, Clock clock) {
        requireChangeable(command);
        int base = command.baseVersion() == null ? servingOrLatest() : requireBase(command.baseVersion());
        EndpointConfig next;
        try {
            next = configOf(base).with(command.assignments());
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointConfigException(List.of(new FieldViolation("config", e.getMessage())));
        }
        policy.requireValid(next);
        return createVersion(next, base, VersionOrigin.UPDATE, null, command.requestedBy(), command.comment(), clock);
    }

    /**
     * A registry's "artifact ready": the first one creates the endpoint from the integration's
     * template (Axon hands a missing endpoint to this handler as a blank instance), every later one
     * changes only the model. Concurrent first deliveries race on the name claim and the first event's
     * sequence: exactly one creates v0.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public MutationResult handle(DeployArtifactCommand command, EndpointPolicy policy, EndpointNameRegistry names,
                                 Clock clock) {
        Map<ConfigField, Object> artifact = new EnumMap<>(ConfigField.class);
        artifact.put(ConfigField.MODEL_SOURCE, command.source());
        artifact.put(ConfigField.MODEL_REVISION, command.revision());
        if (endpointId == null) {
            if (command.template() == null) {
                throw new EndpointRefusedException(RefusalCode.ENDPOINT_NOT_FOUND,
                        "No endpoint with id " + command.endpointId() + ".");
            }
            EndpointConfig first = command.template().with(artifact);
            policy.requireValid(command.name(), first);
            if (!names.claim(command.name(), command.endpointId())) {
                throw new EndpointRefusedException(RefusalCode.NAME_TAKEN,
                        "An endpoint named '" + command.name() + "' already exists.", Map.of("name", command.name()));
            }
            List<FieldChange> changes = first.changesFrom(null);
            apply(new EndpointVersionCreated(command.endpointId(), command.name(), 0, VersionOrigin.WEBHOOK, null,
                    first, changes, null, command.requestedBy(), clock.instant(), command.comment(), null));
            return result(MutationResult.Kind.CREATED, true, changes);
        }
        requireChangeable(command);
        int base = servingOrLatest();
        EndpointConfig next = configOf(base).with(artifact);
        policy.requireValid(next);
        return createVersion(next, base, VersionOrigin.WEBHOOK, null, command.requestedBy(), command.comment(), clock);
    }

    @CommandHandler
    public MutationResult handle(RollBackEndpointCommand command, EndpointPolicy policy, Clock clock) {
        requireChangeable(command);
        int target = command.targetVersion();
        if (target < 0 || target > latestVersion) {
            throw new EndpointRefusedException(RefusalCode.ROLLBACK_TARGET_NOT_FOUND,
                    "Version " + target + " does not exist; the latest version is " + latestVersion + ".",
                    Map.of("targetVersion", target, "latestVersion", latestVersion));
        }
        EndpointConfig targetConfig = servedConfigs.get(target);
        if (targetConfig == null) {
            throw new EndpointRefusedException(RefusalCode.ROLLBACK_TARGET_NEVER_SERVED,
                    "Version " + target + " never served traffic, so it is not a safe rollback target. "
                            + "Versions that served: " + new TreeSet<>(servedConfigs.keySet()) + ".",
                    Map.of("targetVersion", target, "servedVersions", List.copyOf(new TreeSet<>(servedConfigs.keySet()))));
        }
        // The catalog may have changed since the target served; a snapshot it now rejects cannot roll out.
        policy.requireValid(targetConfig);
        // A rollback is a decision recorded as the next version even when its target already serves
        // after a failed proposal, so it builds on the latest version, whatever that one's fate.
        return createVersion(targetConfig, latestVersion, VersionOrigin.ROLLBACK, target, command.requestedBy(),
                command.comment(), clock);
    }

    @CommandHandler
    public MutationResult handle(CancelRolloutCommand command, Clock clock) {
        requireLive();
        requireExpectedVersion(command.expectedVersion());
        requireOpenRollout(command.version());
        boolean changed = cancellationRequestedBy == null;
        if (changed) {
            apply(new RolloutCancellationRequested(endpointId, command.version(), command.requestedBy(),
                    command.comment(), clock.instant()));
        }
        return result(MutationResult.Kind.CANCELLATION_REQUESTED, changed, List.of());
    }

    @CommandHandler
    public MutationResult handle(DeleteEndpointCommand command, EndpointNameRegistry names, Clock clock) {
        requireChangeable(command);
        apply(new EndpointDeleted(endpointId, name, command.requestedBy(), clock.instant(), command.comment()));
        names.release(name, endpointId);
        return result(MutationResult.Kind.DELETED, true, List.of());
    }

    @CommandHandler
    public MutationResult handle(ReportRolloutStartedCommand report, Clock clock) {
        requireLive();
        requireOpenRollout(report.version());
        boolean changed = latestStatus == VersionStatus.PENDING;
        if (changed) {
            apply(new RolloutStarted(endpointId, report.version(), report.reportedBy(), clock.instant()));
        }
        return result(MutationResult.Kind.ROLLOUT_REPORTED, changed, List.of());
    }

    @CommandHandler
    public MutationResult handle(ReportRolloutProgressCommand report, Clock clock) {
        requireLive();
        requireStartedRollout(report.version());
        boolean changed = report.phase() != phase || !Objects.equals(report.message(), phaseMessage);
        if (changed) {
            apply(new RolloutProgressed(endpointId, report.version(), report.phase(), report.message(),
                    report.reportedBy(), clock.instant()));
        }
        return result(MutationResult.Kind.ROLLOUT_REPORTED, changed, List.of());
    }

    @CommandHandler
    public MutationResult handle(ReportRolloutSucceededCommand report, Clock clock) {
        requireLive();
        requireStartedRollout(report.version());
        apply(new RolloutSucceeded(endpointId, report.version(), currentVersion, report.reportedBy(), clock.instant()));
        return result(MutationResult.Kind.ROLLOUT_REPORTED, true, List.of());
    }

    @CommandHandler
    public MutationResult handle(ReportRolloutFailedCommand report, Clock clock) {
        requireLive();
        requireOpenRollout(report.version());
        if (report.code().category() == FailureCategory.CANCELLED) {
            throw new EndpointRefusedException(RefusalCode.CANCELLED_IS_NOT_A_FAILURE,
                    "A cancelled rollout is reported as cancelled, not as failed.", Map.of("code", report.code()));
        }
        apply(new RolloutFailed(endpointId, report.version(), report.code().category(), report.code(),
                report.message(), report.step(), report.reportedBy(), clock.instant(), currentVersion));
        return result(MutationResult.Kind.ROLLOUT_REPORTED, true, List.of());
    }

    @CommandHandler
    public MutationResult handle(ReportRolloutCancelledCommand report, Clock clock) {
        requireLive();
        requireOpenRollout(report.version());
        if (cancellationRequestedBy == null) {
            throw new EndpointRefusedException(RefusalCode.CANCELLATION_NOT_REQUESTED,
                    "Nobody asked to cancel version " + report.version() + "; report it as failed or succeeded.",
                    Map.of("version", report.version()));
        }
        apply(new RolloutCancelled(endpointId, report.version(), cancellationRequestedBy, report.reportedBy(),
                clock.instant(), currentVersion));
        return result(MutationResult.Kind.ROLLOUT_REPORTED, true, List.of());
    }

    /** A change is a no-op when its result equals the version it builds on, and its changes are measured from it. */
    private MutationResult createVersion(EndpointConfig next, int base, VersionOrigin origin, Integer rollbackOf,
                                         String requestedBy, String comment, Clock clock) {
        if (next.equals(configOf(base))) {
            return result(MutationResult.Kind.UNCHANGED, false, List.of());
        }
        List<FieldChange> changes = next.changesFrom(configOf(base));
        apply(new EndpointVersionCreated(endpointId, name, latestVersion + 1, origin, rollbackOf, next, changes, base,
                requestedBy, clock.instant(), comment, currentVersion));
        return result(MutationResult.Kind.VERSION_CREATED, true, changes);
    }

    /**
     * What a change builds on by default. A failed or cancelled version is a proposal that never
     * served; building on it would carry what broke it into every later change.
     */
    private int servingOrLatest() {
        return currentVersion != null ? currentVersion : latestVersion;
    }

    /** A version a change may be built on: the latest (to retry a proposal) or one that served. */
    private int requireBase(int version) {
        if (version < 0 || version > latestVersion) {
            throw new EndpointRefusedException(RefusalCode.BASE_VERSION_NOT_FOUND,
                    "Version " + version + " does not exist; the latest version is " + latestVersion + ".",
                    Map.of("baseVersion", version, "latestVersion", latestVersion));
        }
        if (version != latestVersion && !servedConfigs.containsKey(version)) {
            throw new EndpointRefusedException(RefusalCode.BASE_VERSION_NEVER_SERVED,
                    "Version " + version + " never served and is not the latest, so a change cannot build on it; "
                            + "build on the latest version (" + latestVersion + ") or on one that served: "
                            + new TreeSet<>(servedConfigs.keySet()) + ".",
                    Map.of("baseVersion", version, "latestVersion", latestVersion,
                            "servedVersions", List.copyOf(new TreeSet<>(servedConfigs.keySet()))));
        }
        return version;
    }

    /** The settings of the latest version or of one that served: the only versions this aggregate keeps. */
    private EndpointConfig configOf(int version) {
        return version == latestVersion ? latestConfig : servedConfigs.get(version);
    }

    private void requireChangeable(UserCommand command) {
        requireLive();
        requireExpectedVersion(command.expectedVersion());
        if (latestStatus.inProgress()) {
            throw new EndpointRefusedException(RefusalCode.ROLLOUT_IN_PROGRESS,
                    "Version " + latestVersion + " is " + latestStatus + "; wait until its rollout ends or cancel it with "
                            + "POST /v1/endpoints/" + endpointId + "/versions/" + latestVersion + "/cancel.",
                    Map.of("inProgressVersion", latestVersion, "inProgressStatus", latestStatus));
        }
    }

    private void requireLive() {
        if (deleted) {
            throw new EndpointRefusedException(RefusalCode.ENDPOINT_DELETED,
                    "Endpoint " + endpointId + " was deleted and accepts no further change.");
        }
    }

    private void requireExpectedVersion(Integer expectedVersion) {
        if (expectedVersion != null && expectedVersion != latestVersion) {
            throw new EndpointRefusedException(RefusalCode.STALE_VERSION,
                    "You last saw version " + expectedVersion + " but the endpoint is at version " + latestVersion
                            + "; read it again and retry.",
                    Map.of("expectedVersion", expectedVersion, "latestVersion", latestVersion));
        }
    }

    private void requireOpenRollout(int version) {
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

    private void requireStartedRollout(int version) {
        requireOpenRollout(version);
        if (latestStatus == VersionStatus.PENDING) {
            throw new EndpointRefusedException(RefusalCode.ROLLOUT_NOT_STARTED,
                    "The rollout of version " + version + " was not reported as started.", Map.of("version", version));
        }
    }

    private MutationResult result(MutationResult.Kind kind, boolean changed, List<FieldChange> changes) {
        return new MutationResult(kind, endpointId, name, latestVersion, latestStatus, sequence, changed,
                latestOrigin, latestRollbackOf, latestBasedOn, changes, cancellationRequestedBy != null);
    }

    @EventSourcingHandler
    void on(EndpointVersionCreated event, @SequenceNumber long sequenceNumber) {
        endpointId = event.endpointId();
        name = event.name();
        latestVersion = event.version();
        latestStatus = VersionStatus.PENDING;
        latestOrigin = event.origin();
        latestRollbackOf = event.rollbackOf();
        latestBasedOn = event.basedOn();
        latestConfig = event.config();
        phase = null;
        phaseMessage = null;
        cancellationRequestedBy = null;
        sequence = sequenceNumber;
    }

    @EventSourcingHandler
    void on(RolloutStarted event, @SequenceNumber long sequenceNumber) {
        latestStatus = VersionStatus.ROLLING_OUT;
        sequence = sequenceNumber;
    }

    @EventSourcingHandler
    void on(RolloutProgressed event, @SequenceNumber long sequenceNumber) {
        phase = event.phase();
        phaseMessage = event.message();
        sequence = sequenceNumber;
    }

    @EventSourcingHandler
    void on(RolloutSucceeded event, @SequenceNumber long sequenceNumber) {
        latestStatus = VersionStatus.CURRENT;
        currentVersion = event.version();
        servedConfigs.put(event.version(), latestConfig);
        sequence = sequenceNumber;
    }

    @EventSourcingHandler
    void on(RolloutFailed event, @SequenceNumber long sequenceNumber) {
        latestStatus = VersionStatus.FAILED;
        sequence = sequenceNumber;
    }

    @EventSourcingHandler
    void on(RolloutCancellationRequested event, @SequenceNumber long sequenceNumber) {
        cancellationRequestedBy = event.requestedBy();
        sequence = sequenceNumber;
    }

    @EventSourcingHandler
    void on(RolloutCancelled event, @SequenceNumber long sequenceNumber) {
        latestStatus = VersionStatus.CANCELLED;
        sequence = sequenceNumber;
    }

    @EventSourcingHandler
    void on(EndpointDeleted event, @SequenceNumber long sequenceNumber) {
        deleted = true;
        sequence = sequenceNumber;
    }
}
