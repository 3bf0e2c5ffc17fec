package io.inferctl.worker.rollout;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.inferctl.events.CanaryPromotionRequested;
import io.inferctl.events.EndpointDeleted;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.RolloutCancellationRequested;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.worker.rollout.RolloutState.Outcome;
import io.inferctl.worker.rollout.RolloutState.Stage;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * The rollout of one version, blue/green or canary:
 *
 * <ol>
 *   <li>report started (refused when the version's rollout is already over: then nothing is done);</li>
 *   <li>preflight: enough free GPUs of the type, else fail at once and touch nothing;</li>
 *   <li>apply the version's Deployment and autoscaler; undo: remove them;</li>
 *   <li>wait, one readiness check at a time, until every rollout replica is available, reporting phases;</li>
 *   <li>canary only ({@link CanaryRollout}): for each step, split traffic by the step's weight (undo: all of it
 *       back to the serving version, the split removed) and hold it for the step's time with at least one
 *       healthy look; an unhealthy look stops the rollout;</li>
 *   <li>switch the Service to the version (ending a canary's split); undo: point it back at the serving
 *       version (or remove it);</li>
 *   <li>when the policy bakes: watch the version's health at full traffic for the bake time;</li>
 *   <li>report success; after the drain delay keep the superseded version warm on its standby replicas
 *       ({@link WarmStandby}) until its window ends, then remove it (or remove it at once when the policy
 *       keeps none).</li>
 * </ol>
 *
 * A version whose workload a Deployment of the endpoint already runs (the serving one, or a warm
 * standby: a rollback) takes that Deployment over ({@link WarmPlacement}) instead of applying its
 * own: no new engine starts, and readiness is usually there at the first look.
 *
 * This class is what starts, wakes and ends a rollout: each event or deadline hands its step to
 * {@link RolloutSteps}, and a rollout that stops is undone by {@link Compensation}. Every undo is
 * registered before its side effect and every step is idempotent: the saga's state, its deadlines
 * and the processor's position commit together, so a crash repeats at most the step in flight.
 * Failure, the rollout deadline and a cancellation all record the outcome first, then run the
 * registered undos in reverse order and report it. A report the command API does not take within the
 * short in-line retry hands its step to a deadline ({@link RolloutDeadlines}), which runs it again:
 * the processor's thread goes on with other rollouts meanwhile. The cluster, the command API and
 * the deadline manager are handler parameters, never fields: only the rollout's own
 * {@link RolloutState} is serialized. Every deadline handler takes the version first, unused: Axon
 * takes a handler's first parameter for the deadline's payload.
 */
@Saga
public class RolloutSaga {

    static final String ROLLOUT = "rollout";
    static final String ENDPOINT = "endpointId";

    @JsonUnwrapped
    private RolloutState state = new RolloutState();

    @StartSaga
    @SagaEventHandler(associationProperty = ROLLOUT, associationResolver = RolloutAssociation.class)
    public void on(EndpointVersionCreated created, Cluster cluster, CommandReports reports,
                   DeadlineManager deadlines, RolloutProperties properties) {
        state = new RolloutState(created);
        SagaLifecycle.associateWith(ENDPOINT, created.endpointId());
        steps(cluster, reports, deadlines, properties).start();
    }

    @DeadlineHandler(deadlineName = RolloutDeadlines.START)
    public void startAgain(VersionRef rollout, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                           RolloutProperties properties) {
        if (state.at(Stage.STARTING)) {
            steps(cluster, reports, deadlines, properties).start();
        }
    }

    @DeadlineHandler(deadlineName = RolloutDeadlines.CHECK_READINESS)
    public void checkReadiness(VersionRef rollout, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                               RolloutProperties properties) {
        state.readinessCheck(null);
        steps(cluster, reports, deadlines, properties).check();
    }

    @DeadlineHandler(deadlineName = RolloutDeadlines.CLUSTER_CHANGED)
    public void clusterChanged(VersionRef rollout, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                               RolloutProperties properties) {
        steps(cluster, reports, deadlines, properties).check();
    }

    @DeadlineHandler(deadlineName = RolloutDeadlines.REPORT_SUCCESS)
    public void reportSuccessAgain(VersionRef rollout, Cluster cluster, CommandReports reports,
                                   DeadlineManager deadlines, RolloutProperties properties) {
        if (state.at(Stage.SWITCHED)) {
            steps(cluster, reports, deadlines, properties).reportSuccess();
        }
    }

    @DeadlineHandler(deadlineName = RolloutDeadlines.ROLLOUT_DEADLINE)
    public void deadlinePassed(VersionRef rollout, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                               RolloutProperties properties) {
        state.rolloutDeadline(null);
        if (state.rollingOut()) {
            steps(cluster, reports, deadlines, properties).timeOut();
        }
    }

    @SagaEventHandler(associationProperty = ROLLOUT, associationResolver = RolloutAssociation.class)
    public void on(RolloutCancellationRequested requested, DeadlineManager deadlines, RolloutProperties properties) {
        if (!state.rollingOut() && !state.watched()) {
            // Success already reported (or about to be), or compensation already runs. In a canary or a
            // bake success is not reported yet: the version is taken off traffic again.
            return;
        }
        compensation(deadlines, properties).stop(
                new Outcome(FailureCode.CANCELLED_BY_USER, "Cancelled by " + requested.requestedBy(), null));
    }

    @DeadlineHandler(deadlineName = RolloutDeadlines.CANARY_STEP_ENDS)
    public void canaryStepEnds(VersionRef rollout, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                               RolloutProperties properties) {
        if (state.at(Stage.CANARY)) {
            steps(cluster, reports, deadlines, properties).canary().stepTimeUp();
        }
    }

    @DeadlineHandler(deadlineName = RolloutDeadlines.HEALTH_LOOK)
    public void lookAtHealth(VersionRef rollout, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                             RolloutProperties properties) {
        if (state.watched()) {
            steps(cluster, reports, deadlines, properties).canary().look();
        } else {
            state.healthLooking(false);
        }
    }

    @DeadlineHandler(deadlineName = RolloutDeadlines.BAKE_ENDS)
    public void bakeEnds(VersionRef rollout, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                         RolloutProperties properties) {
        if (state.at(Stage.BAKING)) {
            steps(cluster, reports, deadlines, properties).canary().bakeEnds();
        }
    }

    @SagaEventHandler(associationProperty = ROLLOUT, associationResolver = RolloutAssociation.class)
    public void on(CanaryPromotionRequested requested, Cluster cluster, CommandReports reports,
                   DeadlineManager deadlines, RolloutProperties properties) {
        // Outside a canary or a bake there is nothing left to skip: the rollout is over or not there yet.
        if (state.watched()) {
            steps(cluster, reports, deadlines, properties).canary().promote(requested.requestedBy());
        }
    }

    @DeadlineHandler(deadlineName = RolloutDeadlines.COMPENSATE)
    public void runCompensation(VersionRef rollout, Cluster cluster, CommandReports reports,
                                DeadlineManager deadlines, RolloutProperties properties) {
        if (state.at(Stage.COMPENSATING)) {
            compensation(deadlines, properties).undoAndReport(cluster, reports);
        }
    }

    @DeadlineHandler(deadlineName = RolloutDeadlines.DRAIN_SUPERSEDED)
    public void drainSuperseded(VersionRef rollout, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                                RolloutProperties properties) {
        steps(cluster, reports, deadlines, properties).drainSuperseded();
    }

    @DeadlineHandler(deadlineName = RolloutDeadlines.STANDBY_ENDS)
    public void standbyEnds(VersionRef rollout, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                            RolloutProperties properties) {
        if (state.at(Stage.STANDBY)) {
            steps(cluster, reports, deadlines, properties).endStandby();
        }
    }

    @SagaEventHandler(associationProperty = ENDPOINT)
    public void on(EndpointDeleted deleted, Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                   RolloutProperties properties) {
        steps(cluster, reports, deadlines, properties).removeWithEndpoint();
    }

    private RolloutSteps steps(Cluster cluster, CommandReports reports, DeadlineManager deadlines,
                               RolloutProperties properties) {
        return new RolloutSteps(state, cluster, reports, deadlines(deadlines, properties));
    }

    private Compensation compensation(DeadlineManager deadlines, RolloutProperties properties) {
        return new Compensation(state, deadlines(deadlines, properties));
    }

    private RolloutDeadlines deadlines(DeadlineManager deadlines, RolloutProperties properties) {
        return new RolloutDeadlines(deadlines, properties, state.version());
    }
}
