package io.inferctl.cli.version;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;

/** How a version's parts read on one line. */
public final class VersionText {

    private static final String CANARY = "CANARY";

    private VersionText() {
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * {@code ROLLING_OUT (DOWNLOADING_MODEL)}, {@code ROLLING_OUT (CANARY 10%)}, {@code FAILED (INSUFFICIENT_GPU)},
     * or the status alone.
     */
    public static String status(JsonNode version) {
        String status = version.path("status").asText();
        String phase = phase(version);
        String failure = version.path("failure").path("code").asText("");
        String detail = !failure.isEmpty() ? failure : phase;
        return detail.isEmpty() ? status : status + " (" + detail + ")";
    }

    /**
     * The phase of a version or of an endpoint's rollout in progress: a canary step with the new
     * version's share of traffic ({@code CANARY 10%}), else the phase's name; empty when there is none.
     */
    public static String phase(JsonNode rollout) {
        String phase = rollout.path("phase").asText("");
        JsonNode percent = rollout.path("canaryPercent");
        return CANARY.equals(phase) && percent.isNumber() ? phase + " " + percent.asInt() + "%" : phase;
    }

    /** {@code until 14:05 UTC (1 replica)} for a version kept warm, else empty. */
    public static String warm(JsonNode version) {
        JsonNode standby = version.path("standby");
        if (!standby.path("warmUntil").isTextual()) {
            return "";
        }
        int replicas = standby.path("replicas").asInt();
        return "until " + CLOCK.format(Instant.parse(standby.path("warmUntil").asText()))
                + " (" + replicas + (replicas == 1 ? " replica)" : " replicas)");
    }

    /** The rollout policy in short: {@code BLUE_GREEN}, or {@code CANARY 10%:5m,50%:5m}; empty for a version without one. */
    public static String strategy(JsonNode version) {
        JsonNode rollout = version.path("config").path("rollout");
        String strategy = rollout.path("strategy").asText("");
        String steps = rollout.path("canarySteps").asText("");
        return steps.isEmpty() || !CANARY.equals(strategy) ? strategy : strategy + " " + steps;
    }

    /**
     * The whole policy on one line: strategy, bake time, warm standby and the health thresholds.
     * Empty for a version without one.
     */
    public static String policy(JsonNode version) {
        JsonNode rollout = version.path("config").path("rollout");
        if (!rollout.isObject()) {
            return "";
        }
        int warmSeconds = rollout.path("warmStandbySeconds").asInt();
        int latency = rollout.path("maxP99LatencyMs").asInt();
        return strategy(version)
                + ", bake " + rollout.path("bakeSeconds").asInt() + " s"
                + ", warm standby " + (warmSeconds == 0 ? "off" : warmSeconds + " s on " + rollout.path("standbyReplicas").asInt() + " replica(s)")
                + ", fails past " + rollout.path("maxErrorRatePercent").asInt() + "% errors"
                + (latency == 0 ? "" : " or p99 " + latency + " ms");
    }

    public static String origin(JsonNode version) {
        String origin = version.path("origin").asText();
        return version.path("rollbackOf").isNumber() ? origin + " of v" + version.path("rollbackOf").asInt() : origin;
    }

    /** Every leaf of a configuration as {@code group.setting} and its value, in the document's order. */
    static void leaves(String prefix, JsonNode node, BiConsumer<String, JsonNode> each) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                leaves(name, field.getValue(), each);
            } else {
                each.accept(name, field.getValue());
            }
        }
    }

    static String value(JsonNode value) {
        return value == null || value.isNull() ? "(none)" : value.isTextual() ? value.asText() : value.toString();
    }
}
