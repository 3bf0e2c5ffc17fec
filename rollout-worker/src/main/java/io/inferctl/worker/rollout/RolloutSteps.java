package io.inferctl.worker.rollout;

import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.standby.StandbyEndReason;
import io.inferctl.worker.rollout.RolloutState.Outcome;
import io.inferctl.worker.rollout.RolloutState.Stage;
import io.inferctl.worker.rollout.UndoLog.Undo;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The steps a rollout drives on the cluster, in their order: start (report, preflight, apply), look
 * until ready, a canary's steps ({@link CanaryRollout}), switch traffic, bake, report success, drain
 * the superseded version. Built for one handler call from the saga's state and the ports Axon passed
 * to the handler; it keeps nothing of its own.
 */
final class RolloutSteps {

    /** Step names as the failure report carries them. */
    static final String STEP_PREFLIGHT = "preflight";
    static final String STEP_APPLY = "apply";
    static final String STEP_WAIT_READY = "wait-ready";
    static final String STEP_SWITCH_TRAFFIC = "switch-traffic";

    private static final Logger log = LoggerFactory.getLogger(RolloutSteps.class);

    private final RolloutState state;
    private final VersionRef version;
    private final Cluster cluster;
    private final CommandReports reports;
    private final RolloutDeadlines deadlines;
    private final Compensation compensation;

    RolloutSteps(RolloutState state, Cluster cluster, CommandReports reports, RolloutDeadlines deadlines) {
        this.state = state;
        this.version = state.version();
        this.cluster = cluster;
        this.reports = reports;
        this.deadlines = deadlines;
        this.compensation = new Compensation(state, deadlines);
    }

    /** Report started, preflight, apply: run again as a whole when a report of it was not delivered. */
    void start() {
        try {
            if (reports.started(version) == CommandReports.Answer.REFUSED) {
                // Replayed history: the version was rolled out (or given up) long ago, by us or by hand.
                log.info("Rollout of {} is no longer open on the command side; leaving the cluster alone", version);
                SagaLifecycle.end();
                return;
            }
            if (state.rolloutDeadline() == null) {
                state.rolloutDeadline(deadlines.rolloutDeadline());
            }
            WarmPlacement.place(state, cluster);
            reportPhase(RolloutPhase.PREFLIGHT, "checking free " + state.config().accelerator().type() + " GPUs");
            Cluster.Capacity capacity = cluster.capacity(state.deployment(), state.config(), state.replicas());
            if (!capacity.fits()) {
                capacity = standby().releaseUntilFits(capacity);
            }
            if (!capacity.fits()) {
                compensation.stop(new Outcome(FailureCode.INSUFFICIENT_GPU, capacity.summary(), STEP_PREFLIGHT));
                return;
            }
            reportPhase(RolloutPhase.REQUESTING_GPUS, WarmPlacement.gpuMessage(state));
        } catch (ClusterFailure failure) {
            compensation.stop(new Outcome(failure.code(), failure.getMessage(), STEP_PREFLIGHT));
            return;
        } catch (ReportUndeliveredException undelivered) {
            deadlines.handOver(undelivered, RolloutDeadlines.START);
            return;
        }

        if (state.reuse() == null) {
            if (!compensation.registerUndoThen(Undo.REMOVE_NEW_VERSION, STEP_APPLY,
                    () -> cluster.applyVersion(version, state.config(), state.replicas()))) {
                return;
            }
        } else if (!state.reusesServing() && !compensation.registerUndoThen(Undo.RETURN_TO_STANDBY, STEP_APPLY, () -> {
            // Claimed first, so that the standby's own end, due any moment, leaves it alone.
            cluster.claim(state.deployment(), version.version());
            cluster.applyVersion(state.deployment(), state.config(), state.replicas());
        })) {
            return;
        }
        state.moveTo(Stage.ROLLING_OUT);
        state.readinessCheck(deadlines.readinessCheck());
        // The watch may see the version change before this saga is stored, and then finds no saga to
        // nudge: one look right after this commit, so a version ready at once waits for no period.
        deadlines.lookNow();
    }

    /**
     * One look at the version's pods; the periodic check stays the fallback when no watch reports a
     * change, and is what runs the look (and its report, or the switch) again when a report was not delivered.
     */
    void check() {
        if (!state.at(Stage.ROLLING_OUT)) {
            return;
        }
        Observation seen;
        try {
            seen = cluster.observe(state.deployment(), state.replicas());
        } catch (ClusterFailure failure) {
            compensation.stop(new Outcome(failure.code(), failure.getMessage(), STEP_WAIT_READY));
            return;
        }
        try {
            switch (seen.state()) {
                case PROGRESSING -> {
                    state.seen(seen.message());
                    reportPhase(seen.phase(), seen.message());
                    if (state.readinessCheck() == null) {
                        state.readinessCheck(deadlines.readinessCheck());
                    }
                }
                case FAILED -> compensation.stop(new Outcome(seen.code(), seen.message(), STEP_WAIT_READY));
                case READY -> {
                    // A pending periodic check is left to find the rollout past waiting: see Compensation.stop.
                    state.readinessCheck(null);
                    if (canary().applies()) {
                        canary().begin();
                    } else {
                        switchTraffic("every replica is ready", true);
                    }
                }
            }
        } catch (ReportUndeliveredException undelivered) {
            if (state.readinessCheck() == null) {
                state.readinessCheck(deadlines.handOver(undelivered, RolloutDeadlines.CHECK_READINESS));
            }
        }
    }

    /**
     * The Service goes to the version (and a canary's split ends: the Service carries it all now);
     * then the version bakes, or succeeds at once.
     */
    void switchTraffic(String why, boolean withBake) {
        reportPhase(RolloutPhase.SWITCHING_TRAFFIC, why);
        boolean split = state.canaryStep() != null;
        if (!compensation.registerUndoThen(Undo.RESTORE_TRAFFIC, STEP_SWITCH_TRAFFIC, () -> {
            cluster.routeTraffic(state.deployment());
            if (split) {
                cluster.endSplit(state.deployment(), version.withVersion(state.supersededDeployment()));
            }
        })) {
            return;
        }
        deadlines.cancelRolloutDeadline(state.rolloutDeadline());
        state.rolloutDeadline(null);
        if (withBake && canary().bake()) {
            return;
        }
        succeed();
    }

    /** The version serves and was watched long enough: from here on nothing is undone. */
    void succeed() {
        state.undo().clear();
        state.moveTo(Stage.SWITCHED);
        reportSuccess();
    }

    CanaryRollout canary() {
        return new CanaryRollout(state, cluster, reports, deadlines, this);
    }

    void reportSuccess() {
        try {
            reports.succeeded(version);
            if (state.reuse() != null && state.reuse().warmAs() != null) {
                reports.standbyEnded(version.withVersion(state.reuse().warmAs()), StandbyEndReason.REUSED,
                        "its Deployment serves again as version " + version.version());
            }
        } catch (ReportUndeliveredException undelivered) {
            deadlines.handOver(undelivered, RolloutDeadlines.REPORT_SUCCESS);
            return;
        }
        Integer superseded = state.supersededDeployment();
        if (superseded == null || superseded == state.deployment().version()) {
            SagaLifecycle.end();
            return;
        }
        state.moveTo(Stage.DRAINING);
        deadlines.drainAfterDelay();
    }

    /** The rollout deadline passed before traffic switched: the rollout stops. */
    void timeOut() {
        String message = "Version " + version.version() + " was not serving within "
                + Durations.format(deadlines.rolloutTimeout())
                + (state.lastSeen() == null ? "." : "; last seen: " + state.lastSeen());
        compensation.stop(new Outcome(FailureCode.ROLLOUT_DEADLINE_EXCEEDED, message, STEP_WAIT_READY));
    }

    /** After the drain delay the superseded version goes to its warm standby, or away. */
    void drainSuperseded() {
        Duration window;
        try {
            window = standby().begin();
        } catch (ClusterFailure failure) {
            log.warn("Could not move superseded v{} of {} to its standby yet ({}); trying again",
                    state.supersededDeployment(), version, failure.getMessage());
            deadlines.drainAgainLater();
            return;
        } catch (ReportUndeliveredException undelivered) {
            deadlines.handOver(undelivered, RolloutDeadlines.DRAIN_SUPERSEDED);
            return;
        }
        if (window == null) {
            SagaLifecycle.end();
            return;
        }
        state.moveTo(Stage.STANDBY);
        deadlines.standbyEndsAfter(window);
    }

    /** The superseded version's standby window ended. */
    void endStandby() {
        try {
            standby().end();
        } catch (ClusterFailure failure) {
            log.warn("Could not end the standby of v{} of {} yet ({}); trying again",
                    state.supersededDeployment(), version, failure.getMessage());
            deadlines.standbyEndsAgainLater();
            return;
        } catch (ReportUndeliveredException undelivered) {
            deadlines.handOver(undelivered, RolloutDeadlines.STANDBY_ENDS);
            return;
        }
        SagaLifecycle.end();
    }

    private WarmStandby standby() {
        return new WarmStandby(state, cluster, reports, deadlines.maxWarmVersions());
    }

    /**
     * The endpoint is gone: whatever this rollout holds goes too. The endpoint's Service and older
     * versions are removed by {@code EndpointRemoval}; nothing is reported, the endpoint takes no reports.
     */
    void removeWithEndpoint() {
        deadlines.cancelRolloutDeadline(state.rolloutDeadline());
        try {
            cluster.removeVersion(version);
            if ((state.at(Stage.DRAINING) || state.at(Stage.STANDBY)) && state.supersededDeployment() != null) {
                cluster.removeVersion(version.withVersion(state.supersededDeployment()));
            }
        } catch (ClusterFailure failure) {
            log.warn("Could not remove {} of deleted endpoint: {}", version, failure.getMessage());
        }
        SagaLifecycle.end();
    }

    private void reportPhase(RolloutPhase phase, String message) {
        if (state.isNewPhase(phase)) {
            reports.progress(version, phase, message);
            state.phaseReported(phase);
        }
    }
}
