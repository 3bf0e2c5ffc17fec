package io.inferctl.worker.rollout;

import org.axonframework.deadline.DeadlineManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The saga's deadlines: their names, when each is due, and the hand-over of a step whose report the
 * command API did not take. Built for one handler call; it schedules in the scope of the saga being
 * handled, so every deadline runs under the saga's lock and commits with its state. Every deadline
 * carries the version as its payload: Axon takes a handler's first parameter for the payload.
 */
final class RolloutDeadlines {

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
    /** The superseded version's warm standby window ends: it is removed (a durable db-scheduler task). */
    static final String STANDBY_ENDS = "standby-ends";

    /** A canary step's time is up (a durable db-scheduler task). */
    static final String CANARY_STEP_ENDS = "canary-step-ends";
    /** The next look at a canary's or a baking version's health. */
    static final String HEALTH_LOOK = "health-look";
    /** The bake time is over: success is reported. */
    static final String BAKE_ENDS = "bake-ends";

    private static final Logger log = LoggerFactory.getLogger(RolloutDeadlines.class);

    private final DeadlineManager deadlines;
    private final RolloutProperties properties;
    private final VersionRef version;

    RolloutDeadlines(DeadlineManager deadlines, RolloutProperties properties, VersionRef version) {
        this.deadlines = deadlines;
        this.properties = properties;
        this.version = version;
    }

    Duration rolloutTimeout() {
        return properties.deadline();
    }

    /** @return the deadline's id, to cancel it once traffic switched */
    String rolloutDeadline() {
        return deadlines.schedule(properties.deadline(), ROLLOUT_DEADLINE, version);
    }

    void cancelRolloutDeadline(String id) {
        if (id != null) {
            deadlines.cancelSchedule(ROLLOUT_DEADLINE, id);
        }
    }

    /** @return the check's id: at most one periodic check is pending */
    String readinessCheck() {
        return deadlines.schedule(properties.readinessCheckInterval(), CHECK_READINESS, version);
    }

    void lookNow() {
        deadlines.schedule(Duration.ZERO, CLUSTER_CHANGED, version);
    }

    void compensateNow() {
        deadlines.schedule(Duration.ZERO, COMPENSATE, version);
    }

    void compensateAgainLater() {
        deadlines.schedule(properties.compensationRetryInterval(), COMPENSATE, version);
    }

    Duration compensationRetryInterval() {
        return properties.compensationRetryInterval();
    }

    void drainAfterDelay() {
        deadlines.schedule(properties.drainDelay(), DRAIN_SUPERSEDED, version);
    }

    void drainAgainLater() {
        deadlines.schedule(properties.compensationRetryInterval(), DRAIN_SUPERSEDED, version);
    }

    void standbyEndsAfter(Duration window) {
        deadlines.schedule(window, STANDBY_ENDS, version);
    }

    void standbyEndsAgainLater() {
        deadlines.schedule(properties.compensationRetryInterval(), STANDBY_ENDS, version);
    }

    void canaryStepEndsAfter(Duration duration) {
        deadlines.schedule(duration, CANARY_STEP_ENDS, version);
    }

    void healthLookLater() {
        deadlines.schedule(properties.canary().healthInterval(), HEALTH_LOOK, version);
    }

    void bakeEndsAfter(Duration duration) {
        deadlines.schedule(duration, BAKE_ENDS, version);
    }

    RolloutProperties.Canary canary() {
        return properties.canary();
    }

    int maxWarmVersions() {
        return properties.maxWarmVersions();
    }

    /**
     * The command API did not take a report within the short in-line retry: the step is run again
     * from a deadline, and the thread that runs the sagas goes on with other rollouts meanwhile.
     *
     * @return the id of the deadline that runs the step again
     */
    String handOver(ReportUndeliveredException undelivered, String step) {
        log.warn("{}; running {} of {} again in {}", undelivered.getMessage(), step, version,
                Durations.format(properties.reportRetryInterval()));
        return deadlines.schedule(properties.reportRetryInterval(), step, version);
    }
}
