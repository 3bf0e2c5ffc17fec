package io.inferctl.console.endpoint;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every setting of a configuration, in the order pages show them: its path in the API's JSON (also
 * the form field's name and the {@code field} of a change, without {@code config.}), its group and
 * label, and how a form's text becomes its JSON value.
 */
public enum Setting {
    MODEL_NAME("model.name", "Model", "Name", Kind.TEXT),
    MODEL_SOURCE("model.source", "Model", "Source", Kind.TEXT),
    MODEL_REVISION("model.revision", "Model", "Revision", Kind.OPTIONAL_TEXT),
    ACCELERATOR_TYPE("accelerator.type", "Accelerator", "Type", Kind.TEXT),
    ACCELERATOR_COUNT("accelerator.count", "Accelerator", "GPUs per replica", Kind.INTEGER),
    MIN_REPLICAS("autoscaling.minReplicas", "Autoscaling", "Min replicas", Kind.INTEGER),
    MAX_REPLICAS("autoscaling.maxReplicas", "Autoscaling", "Max replicas", Kind.INTEGER),
    COOLDOWN_SECONDS("autoscaling.cooldownSeconds", "Autoscaling", "Cooldown (seconds)", Kind.INTEGER),
    MAX_BATCH_SIZE("engine.maxBatchSize", "Engine", "Max batch size", Kind.INTEGER),
    MAX_INPUT_LENGTH("engine.maxInputLength", "Engine", "Max input length", Kind.INTEGER),
    MAX_CONTEXT_LENGTH("engine.maxContextLength", "Engine", "Max context length", Kind.INTEGER),
    TOKENIZER_SKIP_SPECIAL_TOKENS("engine.tokenizerSkipSpecialTokens", "Engine", "Tokenizer skips special tokens", Kind.BOOLEAN),
    TOKENIZER_ADD_SPECIAL_TOKENS("engine.tokenizerAddSpecialTokens", "Engine", "Tokenizer adds special tokens", Kind.BOOLEAN),
    QUEUE_TIMEOUT_MS("engine.queueTimeoutMs", "Engine", "Queue timeout (ms)", Kind.INTEGER),
    ROLLOUT_STRATEGY("rollout.strategy", Groups.ROLLOUT_POLICY, "Strategy", Kind.TEXT),
    ROLLOUT_CANARY_STEPS("rollout.canarySteps", Groups.ROLLOUT_POLICY, "Canary steps", Kind.OPTIONAL_TEXT),
    ROLLOUT_BAKE_SECONDS("rollout.bakeSeconds", Groups.ROLLOUT_POLICY, "Bake time (seconds)", Kind.INTEGER),
    ROLLOUT_WARM_STANDBY_SECONDS("rollout.warmStandbySeconds", Groups.ROLLOUT_POLICY, "Warm standby (s, 0 = off)", Kind.INTEGER),
    ROLLOUT_STANDBY_REPLICAS("rollout.standbyReplicas", Groups.ROLLOUT_POLICY, "Standby replicas", Kind.INTEGER),
    ROLLOUT_MAX_ERROR_RATE_PERCENT("rollout.maxErrorRatePercent", Groups.ROLLOUT_POLICY, "Max error rate (%)", Kind.INTEGER),
    ROLLOUT_MAX_P99_LATENCY_MS("rollout.maxP99LatencyMs", Groups.ROLLOUT_POLICY, "Max p99 latency (ms, 0 = none)", Kind.INTEGER);

    /** The strategies the command API knows; a form offers exactly these. */
    public static final List<String> STRATEGIES = List.of("BLUE_GREEN", "CANARY");

    /** Group names an enum constant can name (a constant of the enum itself would be a forward reference). */
    public static final class Groups {
        /** How a version reaches traffic and what stays warm after it does. */
        public static final String ROLLOUT_POLICY = "Rollout policy";

        private Groups() {
        }
    }

    /** How a form's text becomes a JSON value. */
    public enum Kind { TEXT, OPTIONAL_TEXT, INTEGER, BOOLEAN }

    private final String path;
    private final String group;
    private final String label;
    private final Kind kind;

    Setting(String path, String group, String label, Kind kind) {
        this.path = path;
        this.group = group;
        this.label = label;
        this.kind = kind;
    }

    public String path() {
        return path;
    }

    public String group() {
        return group;
    }

    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    /** The values a form offers for this setting as a choice; empty for a setting typed in. */
    public List<String> choices() {
        return this == ROLLOUT_STRATEGY ? STRATEGIES : List.of();
    }

    /** An HTML id: the path with '-' for '.', so CSS selectors need no escaping. */
    public String id() {
        return path.replace('.', '-');
    }

    public String section() {
        return path.substring(0, path.indexOf('.'));
    }

    public String key() {
        return path.substring(path.indexOf('.') + 1);
    }

    /** This setting's value in a configuration document, as a plain Java value (null when unset). */
    public Object valueIn(JsonNode config) {
        if (config == null) {
            return null;
        }
        return plain(config.path(section()).path(key()));
    }

    /** This setting's value in a configuration document as a page shows it. */
    public String displayIn(JsonNode config) {
        return SettingValues.display(valueIn(config));
    }

    public static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    public static Optional<Setting> byPath(String path) {
        return Arrays.stream(values()).filter(s -> s.path.equals(path)).findFirst();
    }

    /** The settings under their group names, in page order. */
    public static Map<String, List<Setting>> grouped() {
        return Arrays.stream(values()).collect(Collectors.groupingBy(Setting::group, LinkedHashMap::new, Collectors.toList()));
    }
}
