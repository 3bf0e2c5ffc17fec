package io.inferctl.worker.rollout;

import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;

/**
 * What the cluster shows of a version's pods at one moment.
 *
 * @param phase   the least advanced phase among its pods while progressing
 * @param code    why it cannot become ready, when failed
 * @param message what a person reads: the cluster's own words where it has them
 */
public record Observation(State state, RolloutPhase phase, FailureCode code, String message) {

    public enum State { PROGRESSING, READY, FAILED }

    public static Observation progressing(RolloutPhase phase, String message) {
        return new Observation(State.PROGRESSING, phase, null, message);
    }

    public static Observation ready() {
        return new Observation(State.READY, null, null, null);
    }

    public static Observation failed(FailureCode code, String message) {
        return new Observation(State.FAILED, null, code, message);
    }
}
