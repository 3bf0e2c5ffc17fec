package io.inferctl.worker.rollout.health;

/**
 * What a window of a version's health says, with the reason a person reads in the timeline.
 * {@code INCONCLUSIVE} means too little traffic to judge the engine: it neither advances a canary step
 * nor fails it, so a version nobody sent traffic to is never promoted as healthy by accident.
 */
public record HealthVerdict(State state, String reason) {

    public enum State { HEALTHY, UNHEALTHY, INCONCLUSIVE }

    static HealthVerdict healthy(String reason) {
        return new HealthVerdict(State.HEALTHY, reason);
    }

    static HealthVerdict unhealthy(String reason) {
        return new HealthVerdict(State.UNHEALTHY, reason);
    }

    static HealthVerdict inconclusive(String reason) {
        return new HealthVerdict(State.INCONCLUSIVE, reason);
    }

    public boolean healthy() {
        return state == State.HEALTHY;
    }

    public boolean unhealthy() {
        return state == State.UNHEALTHY;
    }
}
