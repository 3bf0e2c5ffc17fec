package io.inferctl.events.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting of an {@link EndpointConfig}, with its dotted path and JSON type. This one list
 * drives parsing of create and merge-patch documents, diffs between versions and the
 * {@code changes} of a version, so the three can never disagree on what a setting is called.
 */
public enum ConfigField {
    MODEL_NAME("model.name", ValueType.STRING, true, c -> c.model().name()),
    MODEL_SOURCE("model.source", ValueType.STRING, true, c -> c.model().source()),
    MODEL_REVISION("model.revision", ValueType.STRING, false, c -> c.model().revision()),
    ACCELERATOR_TYPE("accelerator.type", ValueType.STRING, true, c -> c.accelerator().type()),
    ACCELERATOR_COUNT("accelerator.count", ValueType.INTEGER, true, c -> c.accelerator().count()),
    AUTOSCALING_MIN_REPLICAS("autoscaling.minReplicas", ValueType.INTEGER, true, c -> c.autoscaling().minReplicas()),
    AUTOSCALING_MAX_REPLICAS("autoscaling.maxReplicas", ValueType.INTEGER, true, c -> c.autoscaling().maxReplicas()),
    AUTOSCALING_COOLDOWN_SECONDS("autoscaling.cooldownSeconds", ValueType.INTEGER, true,
            c -> c.autoscaling().cooldownSeconds()),
    ENGINE_MAX_BATCH_SIZE("engine.maxBatchSize", ValueType.INTEGER, true, c -> c.engine().maxBatchSize()),
    ENGINE_MAX_INPUT_LENGTH("engine.maxInputLength", ValueType.INTEGER, true, c -> c.engine().maxInputLength()),
    ENGINE_MAX_CONTEXT_LENGTH("engine.maxContextLength", ValueType.INTEGER, true, c -> c.engine().maxContextLength()),
    ENGINE_TOKENIZER_SKIP_SPECIAL_TOKENS("engine.tokenizerSkipSpecialTokens", ValueType.BOOLEAN, true,
            c -> c.engine().tokenizerSkipSpecialTokens()),
    ENGINE_TOKENIZER_ADD_SPECIAL_TOKENS("engine.tokenizerAddSpecialTokens", ValueType.BOOLEAN, true,
            c -> c.engine().tokenizerAddSpecialTokens()),
    ENGINE_QUEUE_TIMEOUT_MS("engine.queueTimeoutMs", ValueType.INTEGER, true, c -> c.engine().queueTimeoutMs()),
    ROLLOUT_STRATEGY("rollout.strategy", ValueType.STRING, true, c -> c.rollout().strategy()),
    ROLLOUT_CANARY_STEPS("rollout.canarySteps", ValueType.STRING, false, c -> c.rollout().canarySteps()),
    ROLLOUT_BAKE_SECONDS("rollout.bakeSeconds", ValueType.INTEGER, true, c -> c.rollout().bakeSeconds()),
    ROLLOUT_WARM_STANDBY_SECONDS("rollout.warmStandbySeconds", ValueType.INTEGER, true,
            c -> c.rollout().warmStandbySeconds()),
    ROLLOUT_STANDBY_REPLICAS("rollout.standbyReplicas", ValueType.INTEGER, true, c -> c.rollout().standbyReplicas()),
    ROLLOUT_MAX_ERROR_RATE_PERCENT("rollout.maxErrorRatePercent", ValueType.INTEGER, true,
            c -> c.rollout().maxErrorRatePercent()),
    ROLLOUT_MAX_P99_LATENCY_MS("rollout.maxP99LatencyMs", ValueType.INTEGER, true, c -> c.rollout().maxP99LatencyMs());

    /** The JSON type a setting takes. */
    public enum ValueType { STRING, INTEGER, BOOLEAN }

    private final String path;
    private final ValueType type;
    private final boolean required;
    private final Function<EndpointConfig, Object> reader;

    ConfigField(String path, ValueType type, boolean required, Function<EndpointConfig, Object> reader) {
        this.path = path;
        this.type = type;
        this.required = required;
        this.reader = reader;
    }

    public String path() {
        return path;
    }

    /** The object this setting sits in, e.g. {@code engine}. */
    public String section() {
        return path.substring(0, path.indexOf('.'));
    }

    /** The setting's name inside its section, e.g. {@code maxBatchSize}. */
    public String key() {
        return path.substring(path.indexOf('.') + 1);
    }

    public ValueType type() {
        return type;
    }

    /** Whether every snapshot must hold a value; only optional settings may be unset with {@code null}. */
    public boolean required() {
        return required;
    }

    public Object read(EndpointConfig config) {
        return reader.apply(config);
    }

    public static Optional<ConfigField> byPath(String path) {
        return Arrays.stream(values()).filter(f -> f.path.equals(path)).findFirst();
    }

    public static boolean isSection(String name) {
        return Arrays.stream(values()).anyMatch(f -> f.section().equals(name));
    }
}
