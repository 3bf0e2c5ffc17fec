package io.inferctl.command.endpoint;

import io.inferctl.events.rollout.RolloutPhase;

import java.util.Map;

/**
 * The share of traffic a progress report names belongs to phase CANARY alone: a canary step without
 * one would show no weight, and any other phase with one would show a weight that is not there.
 */
final class CanaryProgressRule {

    static final int MIN_PERCENT = 1;
    static final int MAX_PERCENT = 99;

    private CanaryProgressRule() {
    }

    static void requireFits(RolloutPhase phase, Integer canaryPercent) {
        if (phase == RolloutPhase.CANARY && canaryPercent == null) {
            throw refused("A progress report in phase CANARY needs canaryPercent, the new version's share of "
                    + "traffic (" + MIN_PERCENT + "-" + MAX_PERCENT + ").", phase);
        }
        if (phase == RolloutPhase.CANARY && (canaryPercent < MIN_PERCENT || canaryPercent > MAX_PERCENT)) {
            throw refused("canaryPercent must be between " + MIN_PERCENT + " and " + MAX_PERCENT + " in phase CANARY; "
                    + "0% is not a canary and 100% is SWITCHING_TRAFFIC or BAKING.", phase);
        }
        if (phase != RolloutPhase.CANARY && canaryPercent != null) {
            throw refused("Only a progress report in phase CANARY carries canaryPercent; phase " + phase
                    + " must leave it out.", phase);
        }
    }

    private static EndpointRefusedException refused(String message, RolloutPhase phase) {
        return new EndpointRefusedException(RefusalCode.INVALID_CANARY_PERCENT, message, Map.of("phase", phase));
    }
}
