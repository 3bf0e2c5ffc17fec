package io.inferctl.command.endpoint;

import io.inferctl.events.CanaryPromotionRequested;
import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.RolloutCancelled;
import io.inferctl.events.RolloutFailed;
import io.inferctl.events.RolloutProgressed;
import io.inferctl.events.RolloutStarted;
import io.inferctl.events.RolloutSucceeded;
import io.inferctl.events.VersionStandbyEnded;
import io.inferctl.events.VersionStandbyStarted;
import io.inferctl.events.command.AbortCanaryCommand;
import io.inferctl.events.command.CancelRolloutCommand;
import io.inferctl.events.command.CreateEndpointCommand;
import io.inferctl.events.command.DeleteEndpointCommand;
import io.inferctl.events.command.DeployArtifactCommand;
import io.inferctl.events.command.PromoteCanaryCommand;
import io.inferctl.events.command.ReportRolloutCancelledCommand;
import io.inferctl.events.command.ReportRolloutFailedCommand;
import io.inferctl.events.command.ReportRolloutProgressCommand;
import io.inferctl.events.command.ReportRolloutStartedCommand;
import io.inferctl.events.command.ReportRolloutSucceededCommand;
import io.inferctl.events.command.ReportStandbyEndedCommand;
import io.inferctl.events.command.ReportStandbyStartedCommand;
import io.inferctl.events.command.RollBackEndpointCommand;
import io.inferctl.events.command.UpdateEndpointConfigCommand;
import io.inferctl.events.command.UserCommand;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.rollout.FailureCategory;
import io.inferctl.events.version.VersionOrigin;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One inference endpoint and its history of immutable versions. It decides which changes are
 * allowed; its event-sourcing handlers only record what was decided.
 *
 * <p>Invariant the rules rely on: a new version can only be created while no rollout is open, so
 * the version in progress, if any, is always the latest one.
 *
 * <p>The revision names the shape of its snapshots; raise it whenever a field changes, so that
 * snapshots of the earlier shape are skipped instead of restoring a wrong state.
 */
@Revision("4")
@Aggregate(snapshotTriggerDefinition = "endpointSnapshotTrigger",
        commandTargetResolver = "endpointCommandTargetResolver", cache = "endpointCache")
public class Endpoint {

    @AggregateIdentifier
    private String endpointId;
    private String name;
    private boolean deleted;
    @AggregateMember
    private EndpointVersions versions = new EndpointVersions();
    @AggregateMember
    private WarmStandbys standbys = new WarmStandbys();

    protected Endpoint() {
        // Axon rebuilds the aggregate from its events (or a snapshot) through this constructor.
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public MutationResult handle(CreateEndpointCommand command, EndpointPolicy policy, EndpointNameRegistry names,
                                 Clock clock) {
        policy.requireValid(command.name(), command.config());
        return createFirstVersion(command.endpointId(), command.name(), command.config(), VersionOrigin.CREATE,
                command.requestedBy(), command.comment(), names, clock);
    }

    @CommandHandler
    public MutationResult handle(UpdateEndpointConfigCommand command, EndpointPolicy policy, Clock clock) {
        requireChangeable(command);
        int base = command.baseVersion() == null ? versions.servingOrLatest() : versions.requireBase(command.baseVersion());
        EndpointConfig next;
        try {
            next = versions.configOf(base).with(command.assignments());
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
            return createFirstVersion(command.endpointId(), command.name(), first, VersionOrigin.WEBHOOK,
                    command.requestedBy(), command.comment(), names, clock);
        }
        requireChangeable(command);
        int base = versions.servingOrLatest();
        EndpointConfig next = versions.configOf(base).with(artifact);
        policy.requireValid(next);
        return createVersion(next, base, VersionOrigin.WEBHOOK, null, command.requestedBy(), command.comment(), clock);
    }

    @CommandHandler
    public MutationResult handle(RollBackEndpointCommand command, EndpointPolicy policy, Clock clock) {
        requireChangeable(command);
        int target = command.targetVersion();
        EndpointConfig targetConfig = versions.requireRollbackTarget(target);
        // The catalog may have changed since the target served; a snapshot it now rejects cannot roll out.
        policy.requireValid(targetConfig);
        // A rollback is a decision recorded as the next version even when its target already serves
        // after a failed proposal, so it builds on the latest version, whatever that one's fate.
        return createVersion(targetConfig, versions.latest(), VersionOrigin.ROLLBACK, target, command.requestedBy(),
                command.comment(), clock);
    }

    @CommandHandler
    public MutationResult handle(CancelRolloutCommand command, Clock clock) {
        requireLive();
        versions.requireExpected(command.expectedVersion());
        versions.requireOpenRollout(command.version());
        return requestCancellation(command.version(), command.requestedBy(), command.comment(), clock);
    }

    /** A promotion after an abort or cancel was asked for would fight the worker that is already restoring traffic. */
    @CommandHandler
    public MutationResult handle(PromoteCanaryCommand command, Clock clock) {
        requireLive();
        versions.requireExpected(command.expectedVersion());
        versions.requireInCanary(command.version());
        if (versions.cancellationRequestedBy() != null) {
            throw new EndpointRefusedException(RefusalCode.NOT_IN_CANARY, "Version " + command.version()
                    + " is being cancelled (asked by " + versions.cancellationRequestedBy() + "); it cannot be promoted.",
                    Map.of("version", command.version(), "cancellationRequested", true));
        }
        boolean changed = !versions.promotionRequested();
        if (changed) {
            apply(new CanaryPromotionRequested(endpointId, command.version(), command.requestedBy(), command.comment(),
                    clock.instant()));
        }
        return result(MutationResult.Kind.PROMOTION_REQUESTED, changed, List.of());
    }

    /** An abort is a cancellation of a rollout in canary: the worker restores traffic first, then compensates. */
    @CommandHandler
    public MutationResult handle(AbortCanaryCommand command, Clock clock) {
        requireLive();
        versions.requireExpected(command.expectedVersion());
        versions.requireInCanary(command.version());
        return requestCancellation(command.version(), command.requestedBy(), command.comment(), clock);
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
        versions.requireOpenRollout(report.version());
        boolean changed = versions.awaitsStart();
        if (changed) {
            apply(new RolloutStarted(endpointId, report.version(), report.reportedBy(), clock.instant()));
        }
        return result(MutationResult.Kind.ROLLOUT_REPORTED, changed, List.of());
    }

    @CommandHandler
    public MutationResult handle(ReportRolloutProgressCommand report, Clock clock) {
        requireLive();
        versions.requireStartedRollout(report.version());
        CanaryProgressRule.requireFits(report.phase(), report.canaryPercent());
        boolean changed = versions.differsFromReportedPhase(report.phase(), report.message(), report.canaryPercent());
        if (changed) {
            apply(new RolloutProgressed(endpointId, report.version(), report.phase(), report.message(),
                    report.reportedBy(), clock.instant(), report.canaryPercent()));
        }
        return result(MutationResult.Kind.ROLLOUT_REPORTED, changed, List.of());
    }

    @CommandHandler
    public MutationResult handle(ReportRolloutSucceededCommand report, Clock clock) {
        requireLive();
        versions.requireStartedRollout(report.version());
        apply(new RolloutSucceeded(endpointId, report.version(), versions.current(), report.reportedBy(), clock.instant()));
        return result(MutationResult.Kind.ROLLOUT_REPORTED, true, List.of());
    }

    @CommandHandler
    public MutationResult handle(ReportRolloutFailedCommand report, Clock clock) {
        requireLive();
        versions.requireOpenRollout(report.version());
        if (report.code().category() == FailureCategory.CANCELLED) {
            throw new EndpointRefusedException(RefusalCode.CANCELLED_IS_NOT_A_FAILURE,
                    "A cancelled rollout is reported as cancelled, not as failed.", Map.of("code", report.code()));
        }
        apply(new RolloutFailed(endpointId, report.version(), report.code().category(), report.code(),
                report.message(), report.step(), report.reportedBy(), clock.instant(), versions.current()));
        return result(MutationResult.Kind.ROLLOUT_REPORTED, true, List.of());
    }

    @CommandHandler
    public MutationResult handle(ReportRolloutCancelledCommand report, Clock clock) {
        requireLive();
        versions.requireOpenRollout(report.version());
        String cancellationRequestedBy = versions.requireCancellationRequested(report.version());
        apply(new RolloutCancelled(endpointId, report.version(), cancellationRequestedBy, report.reportedBy(),
                clock.instant(), versions.current()));
        return result(MutationResult.Kind.ROLLOUT_REPORTED, true, List.of());
    }

    @CommandHandler
    public MutationResult handle(ReportStandbyStartedCommand report, Clock clock) {
        requireLive();
        if (!versions.served(report.version())) {
            throw new EndpointRefusedException(RefusalCode.VERSION_NOT_FOUND,
                    "Version " + report.version() + " never served, so it cannot be kept warm.",
                    Map.of("version", report.version()));
        }
        boolean changed = standbys.isNewStandby(report.version(), report.warmUntil());
        if (changed) {
            apply(new VersionStandbyStarted(endpointId, report.version(), report.replicas(), report.warmUntil(),
                    report.reportedBy(), clock.instant()));
        }
        return result(MutationResult.Kind.ROLLOUT_REPORTED, changed, List.of());
    }

    @CommandHandler
    public MutationResult handle(ReportStandbyEndedCommand report, Clock clock) {
        requireLive();
        boolean changed = standbys.isWarm(report.version());
        if (changed) {
            apply(new VersionStandbyEnded(endpointId, report.version(), report.reason(), report.message(),
                    report.reportedBy(), clock.instant()));
        }
        return result(MutationResult.Kind.ROLLOUT_REPORTED, changed, List.of());
    }

    /** The name is claimed only once the settings passed the policy, so a refused create leaves it free. */
    private MutationResult createFirstVersion(String id, String newName, EndpointConfig config, VersionOrigin origin,
                                              String requestedBy, String comment, EndpointNameRegistry names,
                                              Clock clock) {
        if (!names.claim(newName, id)) {
            throw new EndpointRefusedException(RefusalCode.NAME_TAKEN,
                    "An endpoint named '" + newName + "' already exists.", Map.of("name", newName));
        }
        List<FieldChange> changes = config.changesFrom(null);
        apply(new EndpointVersionCreated(id, newName, 0, origin, null, config, changes, null, requestedBy,
                clock.instant(), comment, null));
        return result(MutationResult.Kind.CREATED, true, changes);
    }

    /** A change is a no-op when its result equals the version it builds on, and its changes are measured from it. */
    private MutationResult createVersion(EndpointConfig next, int base, VersionOrigin origin, Integer rollbackOf,
                                         String requestedBy, String comment, Clock clock) {
        EndpointConfig baseConfig = versions.configOf(base);
        if (next.equals(baseConfig)) {
            return result(MutationResult.Kind.UNCHANGED, false, List.of());
        }
        List<FieldChange> changes = next.changesFrom(baseConfig);
        apply(new EndpointVersionCreated(endpointId, name, versions.latest() + 1, origin, rollbackOf, next, changes,
                base, requestedBy, clock.instant(), comment, versions.current()));
        return result(MutationResult.Kind.VERSION_CREATED, true, changes);
    }

    /** Asked once: a repeated cancel or abort changes nothing and answers as the first did. */
    private MutationResult requestCancellation(int version, String requestedBy, String comment, Clock clock) {
        boolean changed = versions.cancellationRequestedBy() == null;
        if (changed) {
            apply(new RolloutCancellationRequested(endpointId, version, requestedBy, comment, clock.instant()));
        }
        return result(MutationResult.Kind.CANCELLATION_REQUESTED, changed, List.of());
    }

    private void requireChangeable(UserCommand command) {
        requireLive();
        versions.requireExpected(command.expectedVersion());
        versions.requireNoOpenRollout(endpointId);
    }

    private void requireLive() {
        if (deleted) {
            throw new EndpointRefusedException(RefusalCode.ENDPOINT_DELETED,
                    "Endpoint " + endpointId + " was deleted and accepts no further change.");
        }
    }

    private MutationResult result(MutationResult.Kind kind, boolean changed, List<FieldChange> changes) {
        return new MutationResult(kind, endpointId, name, versions.latest(), versions.latestStatus(), getVersion(), changed,
                versions.latestOrigin(), versions.latestRollbackOf(), versions.latestBasedOn(), changes,
                versions.cancellationRequestedBy() != null);
    }

    @EventSourcingHandler
    void on(EndpointVersionCreated event) {
        endpointId = event.endpointId();
        name = event.name();
    }

    @EventSourcingHandler
    void on(EndpointDeleted event) {
        deleted = true;
    }
}
