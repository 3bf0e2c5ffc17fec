package io.inferctl.command.endpoint;

import io.inferctl.events.config.CanarySteps;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.config.RolloutPolicy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of a configuration's {@code rollout} section. Its defaults are the contract's
 * {@link RolloutPolicy#DEFAULT}, not a setting of this service, because a snapshot stored before the
 * section existed reads as that policy and a new endpoint must not differ from it by accident.
 */
final class RolloutPolicyRules {

    private final EndpointPolicyProperties.RolloutLimits limits;

    RolloutPolicyRules(EndpointPolicyProperties.RolloutLimits limits) {
        this.limits = limits;
    }

    static Map<ConfigField, Object> defaults() {
        RolloutPolicy d = RolloutPolicy.DEFAULT;
        Map<ConfigField, Object> defaults = new EnumMap<>(ConfigField.class);
        defaults.put(ConfigField.ROLLOUT_STRATEGY, d.strategy());
        defaults.put(ConfigField.ROLLOUT_CANARY_STEPS, d.canarySteps());
        defaults.put(ConfigField.ROLLOUT_BAKE_SECONDS, d.bakeSeconds());
        defaults.put(ConfigField.ROLLOUT_WARM_STANDBY_SECONDS, d.warmStandbySeconds());
        defaults.put(ConfigField.ROLLOUT_STANDBY_REPLICAS, d.standbyReplicas());
        defaults.put(ConfigField.ROLLOUT_MAX_ERROR_RATE_PERCENT, d.maxErrorRatePercent());
        defaults.put(ConfigField.ROLLOUT_MAX_P99_LATENCY_MS, d.maxP99LatencyMs());
        return defaults;
    }

    void check(RolloutPolicy rollout, int maxReplicas, List<FieldViolation> v) {
        String strategy = rollout.strategy();
        if (!RolloutPolicy.BLUE_GREEN.equals(strategy) && !RolloutPolicy.CANARY.equals(strategy)) {
            v.add(EndpointPolicy.violation(ConfigField.ROLLOUT_STRATEGY,
                    "must be one of [" + RolloutPolicy.BLUE_GREEN + ", " + RolloutPolicy.CANARY + "]"));
        }
        if (rollout.canarySteps() != null) {
            try {
                CanarySteps.parse(rollout.canarySteps());
            } catch (IllegalArgumentException e) {
                v.add(EndpointPolicy.violation(ConfigField.ROLLOUT_CANARY_STEPS, e.getMessage()));
            }
        } else if (RolloutPolicy.CANARY.equals(strategy)) {
            v.add(EndpointPolicy.violation(ConfigField.ROLLOUT_CANARY_STEPS, "is required when strategy is CANARY"));
        }
        EndpointPolicy.range(v, ConfigField.ROLLOUT_BAKE_SECONDS, rollout.bakeSeconds(), 0, limits.maxBakeSeconds());
        EndpointPolicy.range(v, ConfigField.ROLLOUT_WARM_STANDBY_SECONDS, rollout.warmStandbySeconds(),
                0, limits.maxWarmStandbySeconds());
        EndpointPolicy.range(v, ConfigField.ROLLOUT_STANDBY_REPLICAS, rollout.standbyReplicas(), 1, maxReplicas);
        EndpointPolicy.range(v, ConfigField.ROLLOUT_MAX_ERROR_RATE_PERCENT, rollout.maxErrorRatePercent(), 0, 100);
        EndpointPolicy.range(v, ConfigField.ROLLOUT_MAX_P99_LATENCY_MS, rollout.maxP99LatencyMs(),
                0, limits.maxP99LatencyMs());
    }
}
