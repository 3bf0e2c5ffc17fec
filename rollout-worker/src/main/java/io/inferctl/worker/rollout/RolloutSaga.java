package io.inferctl.worker.rollout;

import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollout of one version, blue/green:
 *
 * <ol>
 *   <li>report started (refused when the version's rollout is already over: then nothing is done);</li>
 *   <li>preflight: enough free GPUs of the type, else fail at once and touch nothing;</li>
 *   <li>apply the version's Deployment and autoscaler; undo: remove them;</li>
 *   <li>wait, one readiness check at a time, until every rollout replica is available, reporting phases;</li>
 *   <li>switch the Service to the version; undo: point it back at the serving version (or remove it);</li>
 *   <li>report success; after the drain delay remove the superseded version.</li>
 * </ol>
 *
 * Every undo is registered before its side effect and every step is idempotent: the saga's state,
 * its deadlines and the processor's position commit together, so a crash repeats at most the step
 * in flight. Failure, the rollout deadline and a cancellation all record the outcome first, then
 * run the registered undos in reverse order and report it. The cluster, the command API and the deadline
 * manager are handler parameters, never fields: only the rollout's own state is serialized. Every
 * deadline carries the version as its payload: Axon takes a handler's first parameter for the payload.
 */
@Saga
public class RolloutSaga {

    static final String ROLLOUT = "rollout";
    static final String ENDPOINT = "endpointId";
    static final String CHECK_READINESS = "check-readiness";
    /** Due at once when a watch saw the version's Deployment change: see {@link RolloutNudges}. */
    static final String CLUSTER_CHANGED = "cluster-changed";
    static final String ROLLOUT_DEADLINE = "rollout-deadline";
    static final String COMPENSATE = "compensate";
    static final String DRAIN_SUPERSEDED = "drain-superseded";

    /** Step names as the failure report carries them. */
    static final String STEP_PREFLIGHT = "preflight";
    static final String STEP_APPLY = "apply";
    static final String STEP_WAIT_READY = "wait-ready";
    static final String STEP_SWITCH_TRAFFIC = "switch-traffic";

    private static final Logger log = LoggerFactory.getLogger(RolloutSaga.class);

    enum Stage { ROLLING_OUT, COMPENSATING, DRAINING }

    /** What a compensation undoes, one per side effect on what serves or holds GPUs. */
    enum Undo {
        REMOVE_NEW_VERSION,
        RESTORE_TRAFFIC
    }

    /** Why a rollout ends without traffic on its version; {@code CANCELLED_BY_USER} is a cancellation. */
    record Outcome(FailureCode code, String message, String step) {
    }

    private VersionRef version;
    private EndpointConfig config;
    private Integer servingVersion;
    private Stage stage;
    private List<Undo> undo = new ArrayList<>();
    private RolloutPhase reportedPhase;
    private String lastSeen;
    private String readinessCheck;
    private String rolloutDeadline;
    private Outcome outcome;

    @StartSaga
    @SagaEventHandler(associationProperty = ROLLOUT, associationResolver = RolloutAssociation.class)
    public void on(EndpointVersionCreated created, Cluster cluster, CommandReports reports,
                   DeadlineManager deadlines, RolloutProperties properties) {
        version = new VersionRef(created.endpointId(), created.name(), created.version());
        config = created.config();
        servingVersion = created.currentVersion();
        SagaLifecycle.associateWith(ENDPOINT, created.endpointId());
        if (reports.started(version) == CommandReports.Answer.REFUSED) {
            // Replayed history: the version was rolled out (or given up) long ago, by us or by hand.
            log.info("Rollout of {} is no longer open on the command side; leaving the cluster alone", version);
            SagaLifecycle.end();
            return;
        }
        stage = Stage.ROLLING_OUT;
        rolloutDeadline = deadlines.schedule(properties.deadline(), ROLLOUT_DEADLINE, version);

        reportPhase(reports, RolloutPhase.PREFLIGHT, "checking free " + config.accelerator().type() + " GPUs");
        Cluster.Capacity capacity;
        try {
            capacity = cluster.capacity(version, config, replicas());
        } catch (ClusterFailure failure) {
            compensate(new Outcome(failure.code(), failure.getMessage(), STEP_PREFLIGHT), deadlines);
            return;
        }
        if (!capacity.fits()) {
            compensate(new Outcome(FailureCode.INSUFFICIENT_GPU, capacity.summary(), STEP_PREFLIGHT), deadlines);
            return;
        }

        undo.add(Undo.REMOVE_NEW_VERSION);
        reportPhase(reports, RolloutPhase.REQUESTING_GPUS, replicas() + " x " + config.accelerator().count()
                + " " + config.accelerator().type());
        try {
            cluster.applyVersion(version, config, replicas());
        } catch (ClusterFailure failure) {
            compensate(new Outcome(failure.code(), failure.getMessage(), STEP_APPLY), deadlines);
            return;
        }
        readinessCheck = deadlines.schedule(properties.readinessCheckInterval(), CHECK_READINESS, version);
        // The watch may see the version change before this saga is stored, and then finds no saga to
        // nudge: one look right after this commit, so a version ready at once waits for no period.
        deadlines.schedule(Duration.ZERO, CLUSTER_CHANGED, version);
    }

    @DeadlineHandler(deadlineName = CHECK_READINESS)
    public void checkReadiness(VersionRef rollout, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                               RolloutProperties properties) {
        readinessCheck = null;
        check(cluster, reports, deadlines, properties);
    }

    @DeadlineHandler(deadlineName = CLUSTER_CHANGED)
    public void clusterChanged(VersionRef rollout, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                               RolloutProperties properties) {
        check(cluster, reports, deadlines, properties);
    }

    /** One look at the version's pods; the periodic check stays the fallback when no watch reports a change. */
    private void check(Cluster cluster, CommandReports reports, DeadlineManager deadlines, RolloutProperties properties) {
        if (stage != Stage.ROLLING_OUT) {
            return;
        }
        Observation seen;
        try {
            seen = cluster.observe(version, replicas());
        } catch (ClusterFailure failure) {
            compensate(new Outcome(failure.code(), failure.getMessage(), STEP_WAIT_READY), deadlines);
            return;
        }
        switch (seen.state()) {
            case PROGRESSING -> {
                lastSeen = seen.message();
                reportPhase(reports, seen.phase(), seen.message());
                if (readinessCheck == null) {
                    readinessCheck = deadlines.schedule(properties.readinessCheckInterval(), CHECK_READINESS, version);
                }
            }
            case FAILED -> compensate(new Outcome(seen.code(), seen.message(), STEP_WAIT_READY), deadlines);
            case READY -> {
                // A pending periodic check is left to find the rollout past waiting: see compensate.
                readinessCheck = null;
                switchTraffic(cluster, reports, deadlines, properties);
            }
        }
    }

    private void switchTraffic(Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                               RolloutProperties properties) {
        reportPhase(reports, RolloutPhase.SWITCHING_TRAFFIC, "every replica is ready");
        undo.add(Undo.RESTORE_TRAFFIC);
        try {
            cluster.routeTraffic(version);
        } catch (ClusterFailure failure) {
            compensate(new Outcome(failure.code(), failure.getMessage(), STEP_SWITCH_TRAFFIC), deadlines);
            return;
        }
        // The version serves now: from here on the rollout succeeded and nothing is undone.
        undo.clear();
        cancel(deadlines, ROLLOUT_DEADLINE, rolloutDeadline);
        rolloutDeadline = null;
        reports.succeeded(version);
        if (servingVersion == null) {
            SagaLifecycle.end();
            return;
        }
        stage = Stage.DRAINING;
        deadlines.schedule(properties.drainDelay(), DRAIN_SUPERSEDED, version);
    }

    @DeadlineHandler(deadlineName = ROLLOUT_DEADLINE)
    public void deadlinePassed(VersionRef rollout, DeadlineManager deadlines, RolloutProperties properties) {
        rolloutDeadline = null;
        if (stage != Stage.ROLLING_OUT) {
            return;
        }
        String message = "Version " + version.version() + " was not serving within " + properties.deadline()
                .toString().substring(2).toLowerCase() + (lastSeen == null ? "." : "; last seen: " + lastSeen);
        compensate(new Outcome(FailureCode.ROLLOUT_DEADLINE_EXCEEDED, message, STEP_WAIT_READY), deadlines);
    }

    @SagaEventHandler(associationProperty = ROLLOUT, associationResolver = RolloutAssociation.class)
    public void on(RolloutCancellationRequested requested, DeadlineManager deadlines) {
        if (stage != Stage.ROLLING_OUT) {
            // Traffic already switched (success was reported first) or compensation already runs.
            return;
        }
        compensate(new Outcome(FailureCode.CANCELLED_BY_USER, "Cancelled by " + requested.requestedBy(), null), deadlines);
    }

    @DeadlineHandler(deadlineName = COMPENSATE)
    public void runCompensation(VersionRef rollout, Cluster cluster, CommandReports reports,
                                DeadlineManager deadlines, RolloutProperties properties) {
        if (stage == Stage.COMPENSATING) {
            undoAndReport(cluster, reports, deadlines, properties);
        }
    }

    @DeadlineHandler(deadlineName = DRAIN_SUPERSEDED)
    public void drainSuperseded(VersionRef rollout, Cluster cluster, DeadlineManager deadlines, RolloutProperties properties) {
        try {
            cluster.removeVersion(version.withVersion(servingVersion));
        } catch (ClusterFailure failure) {
            log.warn("Could not remove superseded {} yet ({}); trying again", version.withVersion(servingVersion),
                    failure.getMessage());
            deadlines.schedule(properties.compensationRetryInterval(), DRAIN_SUPERSEDED, version);
            return;
        }
        SagaLifecycle.end();
    }

    /**
     * The endpoint is gone: whatever this rollout holds goes too. The endpoint's Service and older
     * versions are removed by {@code EndpointRemoval}; nothing is reported, the endpoint takes no reports.
     */
    @SagaEventHandler(associationProperty = ENDPOINT)
    public void on(EndpointDeleted deleted, Cluster cluster, DeadlineManager deadlines) {
        cancel(deadlines, ROLLOUT_DEADLINE, rolloutDeadline);
        try {
            cluster.removeVersion(version);
            if (stage == Stage.DRAINING) {
                cluster.removeVersion(version.withVersion(servingVersion));
            }
        } catch (ClusterFailure failure) {
            log.warn("Could not remove {} of deleted endpoint: {}", version, failure.getMessage());
        }
        SagaLifecycle.end();
    }

    /**
     * Records why the rollout stops and leaves the undoing to a deadline due at once: the decision
     * commits with the saga before anything is undone, so a crash halfway through the undos repeats
     * them (they are idempotent) and still reports this outcome, not whatever the cluster shows then.
     */
    private void compensate(Outcome why, DeadlineManager deadlines) {
        stage = Stage.COMPENSATING;
        outcome = why;
        // The periodic readiness check is not cancelled: it is due within one interval and finds the
        // rollout past waiting. Cancelling it races with its execution when a watch nudge and the
        // check run at once, and db-scheduler refuses to cancel an executing task, which failed the
        // whole step after its side effects and retried it minutes later.
        cancel(deadlines, ROLLOUT_DEADLINE, rolloutDeadline);
        readinessCheck = null;
        rolloutDeadline = null;
        log.info("Rollout of {} stops ({}: {}); compensating {}", version, why.code(), why.message(), undo);
        deadlines.schedule(Duration.ZERO, COMPENSATE, version);
    }

    private void undoAndReport(Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                               RolloutProperties properties) {
        try {
            while (!undo.isEmpty()) {
                Undo last = undo.get(undo.size() - 1);
                switch (last) {
                    case RESTORE_TRAFFIC -> {
                        if (servingVersion != null) {
                            cluster.routeTraffic(version.withVersion(servingVersion));
                        } else {
                            cluster.removeService(version);
                        }
                    }
                    case REMOVE_NEW_VERSION -> cluster.removeVersion(version);
                }
                undo.remove(undo.size() - 1);
            }
        } catch (ClusterFailure failure) {
            // The cluster may be back in a moment; the outcome is reported only once everything is undone.
            log.warn("Compensation of {} not finished ({}); trying again in {}", version, failure.getMessage(),
                    properties.compensationRetryInterval());
            deadlines.schedule(properties.compensationRetryInterval(), COMPENSATE, version);
            return;
        }
        if (outcome.code() == FailureCode.CANCELLED_BY_USER) {
            reports.cancelled(version);
        } else {
            reports.failed(version, outcome.code(), outcome.message(), outcome.step());
        }
        SagaLifecycle.end();
    }

    private void reportPhase(CommandReports reports, RolloutPhase phase, String message) {
        if (phase != null && phase != reportedPhase) {
            reports.progress(version, phase, message);
            reportedPhase = phase;
        }
    }

    /**
     * Replicas the rollout waits for: the minimum, but at least one, so that a scale-to-zero version
     * proves it can start before it takes traffic.
     */
    private int replicas() {
        return Math.max(1, config.autoscaling().minReplicas());
    }

    private static void cancel(DeadlineManager deadlines, String name, String id) {
        if (id != null) {
            deadlines.cancelSchedule(name, id);
        }
    }
}
