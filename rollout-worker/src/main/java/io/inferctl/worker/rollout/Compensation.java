package io.inferctl.worker.rollout;

import io.inferctl.events.rollout.FailureCode;
import io.inferctl.worker.rollout.RolloutState.Outcome;
import io.inferctl.worker.rollout.UndoLog.Undo;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoing a rollout that stops: every side effect's undo is registered before the side effect, the
 * reason is recorded before anything is undone, and the outcome is reported once everything is.
 * Built for one handler call over the saga's state; it keeps nothing of its own.
 */
final class Compensation {

    private static final Logger log = LoggerFactory.getLogger(Compensation.class);

    private final RolloutState state;
    private final RolloutDeadlines deadlines;

    Compensation(RolloutState state, RolloutDeadlines deadlines) {
        this.state = state;
        this.deadlines = deadlines;
    }

    /**
     * A step with a side effect: its undo is registered first, so a crash right after the side effect
     * still undoes it (both are idempotent). A cluster that refuses the step fails the rollout there.
     *
     * @return whether the step was done; if not, compensation is under way
     */
    boolean registerUndoThen(Undo undoing, String step, Runnable sideEffect) {
        state.undo().register(undoing);
        try {
            sideEffect.run();
            return true;
        } catch (ClusterFailure failure) {
            stop(new Outcome(failure.code(), failure.getMessage(), step));
            return false;
        }
    }

    /**
     * Records why the rollout stops and leaves the undoing to a deadline due at once: the decision
     * commits with the saga before anything is undone, so a crash halfway through the undos repeats
     * them (they are idempotent) and still reports this outcome, not whatever the cluster shows then.
     */
    void stop(Outcome why) {
        // The periodic readiness check is not cancelled: it is due within one interval and finds the
        // rollout past waiting. Cancelling it races with its execution when a watch nudge and the
        // check run at once, and db-scheduler refuses to cancel an executing task, which failed the
        // whole step after its side effects and retried it minutes later.
        deadlines.cancelRolloutDeadline(state.rolloutDeadline());
        state.stop(why);
        log.info("Rollout of {} stops ({}: {}); compensating {}", state.version(), why.code(), why.message(), state.undo());
        deadlines.compensateNow();
    }

    /** Runs the registered undos, the latest first, then reports the recorded outcome and ends the rollout. */
    void undoAndReport(Cluster cluster, CommandReports reports) {
        VersionRef version = state.version();
        try {
            state.undo().runLatestFirst(cluster, version, state.supersededDeployment(), state.reuse());
        } catch (ClusterFailure failure) {
            // The cluster may be back in a moment; the outcome is reported only once everything is undone.
            log.warn("Compensation of {} not finished ({}); trying again in {}", version, failure.getMessage(),
                    deadlines.compensationRetryInterval());
            deadlines.compensateAgainLater();
            return;
        }
        Outcome outcome = state.outcome();
        try {
            if (outcome.code() == FailureCode.CANCELLED_BY_USER) {
                reports.cancelled(version);
            } else {
                reports.failed(version, outcome.code(), outcome.message(), outcome.step());
            }
        } catch (ReportUndeliveredException undelivered) {
            deadlines.handOver(undelivered, RolloutDeadlines.COMPENSATE);
            return;
        }
        SagaLifecycle.end();
    }
}
