package io.inferctl.events.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A full configuration snapshot. A version always holds one of these, never a delta.
 *
 * @param rollout the rollout policy; a snapshot written before it existed (a stored event, a saga,
 *                a read model's row) reads as {@link RolloutPolicy#DEFAULT}
 */
public record EndpointConfig(
        ModelSpec model,
        AcceleratorSpec accelerator,
        AutoscalingSpec autoscaling,
        EngineSettings engine,
        RolloutPolicy rollout) {

    public EndpointConfig {
        if (rollout == null) {
            rollout = RolloutPolicy.DEFAULT;
        }
    }

    /** A snapshot with the default rollout policy. */
    public EndpointConfig(ModelSpec model, AcceleratorSpec accelerator, AutoscalingSpec autoscaling,
                          EngineSettings engine) {
        this(model, accelerator, autoscaling, engine, RolloutPolicy.DEFAULT);
    }

    /**
     * The settings that decide what runs on the cluster: everything but the rollout policy, which
     * only decides how a version gets there. Two versions with equal workloads can share pods.
     */
    public EndpointConfig workload() {
        return new EndpointConfig(model, accelerator, autoscaling, engine, RolloutPolicy.DEFAULT);
    }

    /**
     * Builds a snapshot from one value per {@link ConfigField}. Optional fields may be absent or
     * {@code null}; a required field that is missing is a programming error, since callers validate
     * documents before they assemble them.
     */
    public static EndpointConfig fromValues(Map<ConfigField, Object> values) {
        return new EndpointConfig(
                new ModelSpec(
                        (String) required(values, ConfigField.MODEL_NAME),
                        (String) required(values, ConfigField.MODEL_SOURCE),
                        (String) values.get(ConfigField.MODEL_REVISION)),
                new AcceleratorSpec(
                        (String) required(values, ConfigField.ACCELERATOR_TYPE),
                        (Integer) required(values, ConfigField.ACCELERATOR_COUNT)),
                new AutoscalingSpec(
                        (Integer) required(values, ConfigField.AUTOSCALING_MIN_REPLICAS),
                        (Integer) required(values, ConfigField.AUTOSCALING_MAX_REPLICAS),
                        (Integer) required(values, ConfigField.AUTOSCALING_COOLDOWN_SECONDS)),
                new EngineSettings(
                        (Integer) required(values, ConfigField.ENGINE_MAX_BATCH_SIZE),
                        (Integer) required(values, ConfigField.ENGINE_MAX_INPUT_LENGTH),
                        (Integer) required(values, ConfigField.ENGINE_MAX_CONTEXT_LENGTH),
                        (Boolean) required(values, ConfigField.ENGINE_TOKENIZER_SKIP_SPECIAL_TOKENS),
                        (Boolean) required(values, ConfigField.ENGINE_TOKENIZER_ADD_SPECIAL_TOKENS),
                        (Integer) required(values, ConfigField.ENGINE_QUEUE_TIMEOUT_MS)),
                new RolloutPolicy(
                        (String) required(values, ConfigField.ROLLOUT_STRATEGY),
                        (String) values.get(ConfigField.ROLLOUT_CANARY_STEPS),
                        (Integer) required(values, ConfigField.ROLLOUT_BAKE_SECONDS),
                        (Integer) required(values, ConfigField.ROLLOUT_WARM_STANDBY_SECONDS),
                        (Integer) required(values, ConfigField.ROLLOUT_STANDBY_REPLICAS),
                        (Integer) required(values, ConfigField.ROLLOUT_MAX_ERROR_RATE_PERCENT),
                        (Integer) required(values, ConfigField.ROLLOUT_MAX_P99_LATENCY_MS)));
    }

    /** Every setting of this snapshot, keyed by field, in the contract's field order. */
    public Map<ConfigField, Object> values() {
        Map<ConfigField, Object> values = new EnumMap<>(ConfigField.class);
        for (ConfigField field : ConfigField.values()) {
            values.put(field, field.read(this));
        }
        return values;
    }

    /** This snapshot with some settings replaced; a {@code null} value unsets an optional setting. */
    public EndpointConfig with(Map<ConfigField, Object> assignments) {
        Map<ConfigField, Object> merged = values();
        merged.putAll(assignments);
        return fromValues(merged);
    }

    /** The settings that differ from {@code previous} to this snapshot, in field order. */
    public List<FieldChange> changesFrom(EndpointConfig previous) {
        List<FieldChange> changes = new ArrayList<>();
        for (ConfigField field : ConfigField.values()) {
            Object before = previous == null ? null : field.read(previous);
            Object after = field.read(this);
            if (!Objects.equals(before, after)) {
                changes.add(new FieldChange(field.path(), before, after));
            }
        }
        return changes;
    }

    private static Object required(Map<ConfigField, Object> values, ConfigField field) {
        Object value = values.get(field);
        if (value == null) {
            throw new IllegalArgumentException("missing required setting " + field.path());
        }
        return value;
    }
}
