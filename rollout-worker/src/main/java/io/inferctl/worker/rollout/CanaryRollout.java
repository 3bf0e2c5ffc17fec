package io.inferctl.worker.rollout;

import io.inferctl.events.config.CanarySteps;
import io.inferctl.events.config.RolloutPolicy;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.worker.rollout.RolloutState.Outcome;
import io.inferctl.worker.rollout.RolloutState.Stage;
import io.inferctl.worker.rollout.UndoLog.Undo;
import io.inferctl.worker.rollout.health.HealthThresholds;
import io.inferctl.worker.rollout.health.HealthVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The part of a rollout where the new version is watched while it serves: a canary's steps (a share
 * of the traffic each, for a time) and the bake (all traffic, for {@code bakeSeconds}), as Argo
 * Rollouts' canary steps and SageMaker's baking period. A health look every health interval judges
 * the version; an unhealthy one stops the rollout (traffic back at once, the version removed). A step
 * ends when its time is up and at least one look in it was healthy. Built for one handler call over the
 * saga's state; it keeps nothing of its own.
 */
final class CanaryRollout {

    static final String STEP_CANARY = "canary";
    static final String STEP_BAKE = "bake";

    private static final Logger log = LoggerFactory.getLogger(CanaryRollout.class);

    private final RolloutState state;
    private final Cluster cluster;
    private final CommandReports reports;
    private final RolloutDeadlines deadlines;
    private final Compensation compensation;
    private final RolloutSteps steps;

    CanaryRollout(RolloutState state, Cluster cluster, CommandReports reports, RolloutDeadlines deadlines,
                  RolloutSteps steps) {
        this.state = state;
        this.cluster = cluster;
        this.reports = reports;
        this.deadlines = deadlines;
        this.compensation = new Compensation(state, deadlines);
        this.steps = steps;
    }

    /**
     * A canary needs a version serving on another Deployment to split with: a first version, or one that
     * runs on the serving Deployment (only the policy changed), is rolled out blue/green.
     */
    boolean applies() {
        Integer serving = state.supersededDeployment();
        return RolloutPolicy.CANARY.equals(policy().strategy()) && policy().canarySteps() != null
                && serving != null && serving != state.deployment().version();
    }

    /** The version is ready: its first step begins, and its health is looked at from now on. */
    void begin() {
        // Steps may take hours: the rollout deadline bounds getting ready, not the canary.
        deadlines.cancelRolloutDeadline(state.rolloutDeadline());
        state.rolloutDeadline(null);
        state.moveTo(Stage.CANARY);
        lookRegularly();
        beginStep(0);
    }

    private void beginStep(int index) {
        CanarySteps.Step step = canarySteps().get(index);
        if (!compensation.registerUndoThen(Undo.END_SPLIT, STEP_CANARY,
                () -> cluster.splitTraffic(serving(), state.deployment(), step.weightPercent()))) {
            return;
        }
        state.canaryStep(index);
        tell(RolloutPhase.CANARY, step.weightPercent() + "% of traffic for " + Durations.format(step.duration())
                + " (step " + (index + 1) + " of " + canarySteps().size() + ")", step.weightPercent());
        deadlines.canaryStepEndsAfter(step.duration());
    }

    /** The current step's time is up: the next step begins once a look in this one was healthy. */
    void stepTimeUp() {
        state.stepTimeIsUp();
        if (state.healthySeen()) {
            nextStep();
        }
    }

    /** One health look, in a canary step or the bake. */
    void look() {
        HealthVerdict verdict;
        try {
            verdict = cluster.health(state.deployment(), thresholds());
        } catch (ClusterFailure failure) {
            log.warn("Health look at {} failed ({}); looking again in {}", state.version(), failure.getMessage(),
                    Durations.format(deadlines.canary().healthInterval()));
            deadlines.healthLookLater();
            return;
        }
        if (verdict.unhealthy()) {
            state.healthLooking(false);
            boolean baking = state.at(Stage.BAKING);
            String where = baking ? " while baking at 100% of traffic"
                    : " at " + canarySteps().get(state.canaryStep()).weightPercent() + "% of traffic";
            compensation.stop(new Outcome(FailureCode.UNHEALTHY_CANARY, verdict.reason() + where,
                    baking ? STEP_BAKE : STEP_CANARY));
            return;
        }
        log.debug("Health of {}: {} ({})", state.version(), verdict.state(), verdict.reason());
        if (state.at(Stage.CANARY) && verdict.healthy()) {
            state.sawHealthy();
            if (state.stepTimeUp()) {
                nextStep();
            }
        }
        if (state.watched()) {
            deadlines.healthLookLater();
        } else {
            state.healthLooking(false);
        }
    }

    private void nextStep() {
        int next = state.canaryStep() + 1;
        if (next < canarySteps().size()) {
            beginStep(next);
        } else {
            tell(RolloutPhase.SWITCHING_TRAFFIC, "the canary passed its " + canarySteps().size() + " step(s)", null);
            steps.switchTraffic("the canary passed its " + canarySteps().size() + " step(s)", true);
        }
    }

    /** A user promoted the version: the remaining steps and the bake are skipped. */
    void promote(String by) {
        if (state.at(Stage.CANARY)) {
            tell(RolloutPhase.SWITCHING_TRAFFIC, "promoted by " + by, null);
            steps.switchTraffic("promoted by " + by, false);
        } else if (state.at(Stage.BAKING)) {
            steps.succeed();
        }
    }

    /**
     * Traffic is on the version: it is watched for {@code bakeSeconds} before success is reported.
     *
     * @return whether a bake began; without one, success is reported at once
     */
    boolean bake() {
        if (policy().bakeSeconds() <= 0) {
            return false;
        }
        state.moveTo(Stage.BAKING);
        Duration bake = Duration.ofSeconds(policy().bakeSeconds());
        tell(RolloutPhase.BAKING, "all traffic on version " + state.version().version() + ", watched for "
                + Durations.format(bake), null);
        lookRegularly();
        deadlines.bakeEndsAfter(bake);
        return true;
    }

    /** The bake time passed without an unhealthy look. */
    void bakeEnds() {
        steps.succeed();
    }

    private void lookRegularly() {
        if (!state.healthLooking()) {
            state.healthLooking(true);
            deadlines.healthLookLater();
        }
    }

    private VersionRef serving() {
        return state.version().withVersion(state.supersededDeployment());
    }

    private RolloutPolicy policy() {
        return state.config().rollout();
    }

    private List<CanarySteps.Step> canarySteps() {
        return CanarySteps.parse(policy().canarySteps());
    }

    private HealthThresholds thresholds() {
        RolloutProperties.Canary canary = deadlines.canary();
        // 0 in the policy checks no latency; the thresholds want a bound.
        long p99 = policy().maxP99LatencyMs() > 0 ? policy().maxP99LatencyMs() : Long.MAX_VALUE;
        return new HealthThresholds(policy().maxErrorRatePercent(), p99, canary.maxRestarts(),
                canary.maxPodsNotReady(), canary.minRequests());
    }

    /**
     * A progress report during the watch is worth no hand-over: the step goes on, and the next
     * report (or the outcome) tells the timeline where the rollout stands.
     */
    private void tell(RolloutPhase phase, String message, Integer canaryPercent) {
        try {
            reports.progress(state.version(), phase, message, canaryPercent);
        } catch (ReportUndeliveredException undelivered) {
            log.warn("{}; {} goes on", undelivered.getMessage(), state.version());
        } finally {
            state.phaseReported(phase);
        }
    }
}
