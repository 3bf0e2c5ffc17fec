package io.inferctl.worker.rollout;

import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.worker.rollout.UndoLog.Undo;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

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
 * run the registered undos in reverse order and report it. A report the command API does not take
 * within the short in-line retry hands its step to a deadline, which runs it again: the processor's
 * thread goes on with other rollouts meanwhile. The cluster, the command API and the deadline
 * manager are handler parameters, never fields: only the rollout's own state is serialized. Every
 * deadline carries the version as its payload: Axon takes a handler's first parameter for the payload.
 */
@Saga
public class RolloutSaga {

    static final String ROLLOUT = "rollout";
    static final String ENDPOINT = "endpointId";
    /** Runs the start again (report, preflight, apply) when one of its reports was not delivered. */
    static final String START = "start";
    static final String CHECK_READINESS = "check-readiness";
    /** Due at once when a watch saw the version's Deployment change: see {@link RolloutNudges}. */
    static final String CLUSTER_CHANGED = "cluster-changed";
    static final String ROLLOUT_DEADLINE = "rollout-deadline";
    /** Reports success again when the command API did not take it: traffic has switched already. */
    static final String REPORT_SUCCESS = "report-success";
    static final String COMPENSATE = "compensate";
    static final String DRAIN_SUPERSEDED = "drain-superseded";

    /** Step names as the failure report carries them. */
    static final String STEP_PREFLIGHT = "preflight";
    static final String STEP_APPLY = "apply";
    static final String STEP_WAIT_READY = "wait-ready";
    static final String STEP_SWITCH_TRAFFIC = "switch-traffic";

    private static final Logger log = LoggerFactory.getLogger(RolloutSaga.class);

    /**
     * STARTING until the version's objects are applied, ROLLING_OUT while it waits for them and switches
     * traffic, SWITCHED until success is reported, then DRAINING the superseded version (or the end).
     */
    enum Stage { STARTING, ROLLING_OUT, SWITCHED, COMPENSATING, DRAINING }

    /** Why a rollout ends without traffic on its version; {@code CANCELLED_BY_USER} is a cancellation. */
    record Outcome(FailureCode code, String message, String step) {
    }

    private VersionRef version;
    private EndpointConfig config;
    private Integer servingVersion;
    private Stage stage;
    private UndoLog undo = new UndoLog();
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
        stage = Stage.STARTING;
        SagaLifecycle.associateWith(ENDPOINT, created.endpointId());
        start(cluster, reports, deadlines, properties);
    }

    @DeadlineHandler(deadlineName = START)
    public void startAgain(VersionRef rollout, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                           RolloutProperties properties) {
        if (stage == Stage.STARTING) {
            start(cluster, reports, deadlines, properties);
        }
    }

    /** Report started, preflight, apply: run again as a whole when a report of it was not delivered. */
    private void start(Cluster cluster, CommandReports reports, DeadlineManager deadlines, RolloutProperties properties) {
        try {
            if (reports.started(version) == CommandReports.Answer.REFUSED) {
                // Replayed history: the version was rolled out (or given up) long ago, by us or by hand.
                log.info("Rollout of {} is no longer open on the command side; leaving the cluster alone", version);
                SagaLifecycle.end();
                return;
            }
            if (rolloutDeadline == null) {
                rolloutDeadline = deadlines.schedule(properties.deadline(), ROLLOUT_DEADLINE, version);
            }
            reportPhase(reports, RolloutPhase.PREFLIGHT, "checking free " + config.accelerator().type() + " GPUs");
            Cluster.Capacity capacity = cluster.capacity(version, config, replicas());
            if (!capacity.fits()) {
                compensate(new Outcome(FailureCode.INSUFFICIENT_GPU, capacity.summary(), STEP_PREFLIGHT), deadlines);
                return;
            }
            reportPhase(reports, RolloutPhase.REQUESTING_GPUS, replicas() + " x " + config.accelerator().count()
                    + " " + config.accelerator().type());
        } catch (ClusterFailure failure) {
            compensate(new Outcome(failure.code(), failure.getMessage(), STEP_PREFLIGHT), deadlines);
            return;
        } catch (ReportUndeliveredException undelivered) {
            handOver(undelivered, START, deadlines, properties);
            return;
        }

        if (!registerUndoThen(Undo.REMOVE_NEW_VERSION, STEP_APPLY,
                () -> cluster.applyVersion(version, config, replicas()), deadlines)) {
            return;
        }
        stage = Stage.ROLLING_OUT;
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

    /**
     * One look at the version's pods; the periodic check stays the fallback when no watch reports a
     * change, and is what runs the look (and its report, or the switch) again when a report was not delivered.
     */
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
        try {
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
        } catch (ReportUndeliveredException undelivered) {
            if (readinessCheck == null) {
                readinessCheck = handOver(undelivered, CHECK_READINESS, deadlines, properties);
            }
        }
    }

    private void switchTraffic(Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                               RolloutProperties properties) {
        reportPhase(reports, RolloutPhase.SWITCHING_TRAFFIC, "every replica is ready");
        if (!registerUndoThen(Undo.RESTORE_TRAFFIC, STEP_SWITCH_TRAFFIC, () -> cluster.routeTraffic(version), deadlines)) {
            return;
        }
        // The version serves now: from here on the rollout succeeded and nothing is undone.
        undo.clear();
        cancel(deadlines, ROLLOUT_DEADLINE, rolloutDeadline);
        rolloutDeadline = null;
        stage = Stage.SWITCHED;
        reportSuccess(reports, deadlines, properties);
    }

    @DeadlineHandler(deadlineName = REPORT_SUCCESS)
    public void reportSuccessAgain(VersionRef rollout, CommandReports reports, DeadlineManager deadlines,
                                   RolloutProperties properties) {
        if (stage == Stage.SWITCHED) {
            reportSuccess(reports, deadlines, properties);
        }
    }

    private void reportSuccess(CommandReports reports, DeadlineManager deadlines, RolloutProperties properties) {
        try {
            reports.succeeded(version);
        } catch (ReportUndeliveredException undelivered) {
            handOver(undelivered, REPORT_SUCCESS, deadlines, properties);
            return;
        }
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
        if (!rollingOut()) {
            return;
        }
        String message = "Version " + version.version() + " was not serving within " + Durations.format(properties.deadline())
                + (lastSeen == null ? "." : "; last seen: " + lastSeen);
        compensate(new Outcome(FailureCode.ROLLOUT_DEADLINE_EXCEEDED, message, STEP_WAIT_READY), deadlines);
    }

    @SagaEventHandler(associationProperty = ROLLOUT, associationResolver = RolloutAssociation.class)
    public void on(RolloutCancellationRequested requested, DeadlineManager deadlines) {
        if (!rollingOut()) {
            // Traffic already switched (success is reported first) or compensation already runs.
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
     * A step with a side effect: its undo is registered first, so a crash right after the side effect
     * still undoes it (both are idempotent). A cluster that refuses the step fails the rollout there.
     *
     * @return whether the step was done; if not, compensation is under way
     */
    private boolean registerUndoThen(Undo undoing, String step, Runnable sideEffect, DeadlineManager deadlines) {
        undo.register(undoing);
        try {
            sideEffect.run();
            return true;
        } catch (ClusterFailure failure) {
            compensate(new Outcome(failure.code(), failure.getMessage(), step), deadlines);
            return false;
        }
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
            undo.runLatestFirst(cluster, version, servingVersion);
        } catch (ClusterFailure failure) {
            // The cluster may be back in a moment; the outcome is reported only once everything is undone.
            log.warn("Compensation of {} not finished ({}); trying again in {}", version, failure.getMessage(),
                    properties.compensationRetryInterval());
            deadlines.schedule(properties.compensationRetryInterval(), COMPENSATE, version);
            return;
        }
        try {
            if (outcome.code() == FailureCode.CANCELLED_BY_USER) {
                reports.cancelled(version);
            } else {
                reports.failed(version, outcome.code(), outcome.message(), outcome.step());
            }
        } catch (ReportUndeliveredException undelivered) {
            handOver(undelivered, COMPENSATE, deadlines, properties);
            return;
        }
        SagaLifecycle.end();
    }

    /**
     * The command API did not take a report within the short in-line retry: the step is run again
     * from a deadline, and the thread that runs the sagas goes on with other rollouts meanwhile.
     */
    private String handOver(ReportUndeliveredException undelivered, String step, DeadlineManager deadlines,
                            RolloutProperties properties) {
        log.warn("{}; running {} of {} again in {}", undelivered.getMessage(), step, version,
                Durations.format(properties.reportRetryInterval()));
        return deadlines.schedule(properties.reportRetryInterval(), step, version);
    }

    private boolean rollingOut() {
        return stage == Stage.STARTING || stage == Stage.ROLLING_OUT;
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
