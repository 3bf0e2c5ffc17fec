package io.inferctl.worker.rollout;

import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.standby.StandbyEndReason;

import java.time.Instant;

/**
 * The rollout's reports to the command side. Each is retried until the command side answers; an
 * answer that refuses the report is logged and returned as {@link Answer#REFUSED}, never retried.
 */
public interface CommandReports {

    enum Answer { ACCEPTED, REFUSED }

    /** Also the check that the version still waits for its rollout: refused once it is over. */
    Answer started(VersionRef version);

    default Answer progress(VersionRef version, RolloutPhase phase, String message) {
        return progress(version, phase, message, null);
    }

    /** @param canaryPercent the new version's share of traffic in phase {@code CANARY}, else {@code null} */
    Answer progress(VersionRef version, RolloutPhase phase, String message, Integer canaryPercent);

    Answer succeeded(VersionRef version);

    Answer failed(VersionRef version, FailureCode code, String message, String step);

    Answer cancelled(VersionRef version);

    /** The superseded version is kept warm on {@code replicas} until {@code until}; the same report again records nothing. */
    Answer standbyStarted(VersionRef version, int replicas, Instant until);

    /** The version is no longer kept warm; a version not warm records nothing. */
    Answer standbyEnded(VersionRef version, StandbyEndReason reason, String message);
}
