package io.inferctl.simulator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.Json;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One fault on the Kubernetes API. A rule may combine kinds; each request it matches is delayed by
 * {@code latencyMs}, then answered {@code errorStatus} with probability {@code errorRate}, or has its
 * connection dropped with probability {@code dropRate}. An outage rule drops every request, and every
 * open watch, for {@code outageSeconds}.
 *
 * @param id            assigned when the rule is added
 * @param latencyMs     added delay before the request is handled
 * @param errorRate     share of matching requests answered with {@code errorStatus} (0..1)
 * @param errorStatus   500, 503, 429 or any other error code
 * @param dropRate      share of matching requests whose connection is closed without an answer (0..1)
 * @param outageSeconds length of a full outage starting when the rule is added, 0 for none
 * @param methods       HTTP methods the rule applies to; empty for all
 * @param pathRegex     regular expression the request path (with query) must contain a match of; null for all
 * @param times         how many requests the rule affects before it expires; null for unlimited
 */
public record FaultRule(String id, long latencyMs, double errorRate, int errorStatus, double dropRate,
        long outageSeconds, Set<String> methods, String pathRegex, Integer times) {

    static final int DEFAULT_ERROR_STATUS = 500;

    public FaultRule {
        if (latencyMs < 0 || errorRate < 0 || errorRate > 1 || dropRate < 0 || dropRate > 1 || outageSeconds < 0) {
            throw new IllegalArgumentException("latencyMs and outageSeconds must be >= 0, rates between 0 and 1");
        }
        if (errorStatus < 400 || errorStatus > 599) {
            throw new IllegalArgumentException("errorStatus must be an HTTP error code (4xx or 5xx)");
        }
        if (times != null && times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        if (pathRegex != null) {
            Pattern.compile(pathRegex);
        }
        Set<String> upper = new TreeSet<>();
        methods.forEach(m -> upper.add(m.toUpperCase(Locale.ROOT)));
        methods = Set.copyOf(upper);
    }

    public static FaultRule latency(long millis) {
        return new FaultRule(null, millis, 0, DEFAULT_ERROR_STATUS, 0, 0, Set.of(), null, null);
    }

    public static FaultRule errors(double rate, int status) {
        return new FaultRule(null, 0, rate, status, 0, 0, Set.of(), null, null);
    }

    public static FaultRule drops(double rate) {
        return new FaultRule(null, 0, 0, DEFAULT_ERROR_STATUS, rate, 0, Set.of(), null, null);
    }

    public static FaultRule outage(long seconds) {
        return new FaultRule(null, 0, 0, DEFAULT_ERROR_STATUS, 0, seconds, Set.of(), null, null);
    }

    public FaultRule onlyFor(String method, String regex) {
        return new FaultRule(id, latencyMs, errorRate, errorStatus, dropRate, outageSeconds,
                method == null ? Set.of() : Set.of(method), regex, times);
    }

    public FaultRule times(int count) {
        return new FaultRule(id, latencyMs, errorRate, errorStatus, dropRate, outageSeconds, methods, pathRegex, count);
    }

    FaultRule withId(String newId) {
        return new FaultRule(newId, latencyMs, errorRate, errorStatus, dropRate, outageSeconds, methods, pathRegex, times);
    }

    /**
     * From the admin API's JSON: {@code {"latencyMs":200}}, {@code {"errorRate":0.3,"errorStatus":503}},
     * {@code {"dropConnections":true}} or {@code {"dropRate":0.5}}, {@code {"outageSeconds":10}}, plus the
     * optional {@code methods}, {@code pathRegex} and {@code times}. An {@code errorStatus} without a rate
     * fails every matching request.
     */
    /**
     * Reads a rule from the admin API. Unknown fields and wrong JSON types are refused rather than
     * defaulted, so a typo never installs a rule that silently does nothing.
     */
    public static FaultRule fromJson(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        json.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'; known fields: " + FIELDS);
            }
        });
        double errorRate = number(json, "errorRate", json.has("errorStatus") ? 1.0 : 0.0);
        double dropRate = bool(json, "dropConnections") ? 1.0 : number(json, "dropRate", 0);
        Set<String> methods = new TreeSet<>();
        JsonNode methodList = json.path("methods");
        if (!methodList.isMissingNode() && !methodList.isArray()) {
            throw new IllegalArgumentException("methods must be an array of HTTP methods");
        }
        methodList.forEach(m -> methods.add(text(m, "methods")));
        if (json.has("method")) {
            methods.add(text(json.get("method"), "method"));
        }
        FaultRule rule = new FaultRule(null, integer(json, "latencyMs", 0), errorRate,
                (int) integer(json, "errorStatus", DEFAULT_ERROR_STATUS), dropRate, integer(json, "outageSeconds", 0),
                methods, json.hasNonNull("pathRegex") ? text(json.get("pathRegex"), "pathRegex") : null,
                json.hasNonNull("times") ? (int) integer(json, "times", 0) : null);
        if (rule.latencyMs == 0 && rule.errorRate == 0 && rule.dropRate == 0 && rule.outageSeconds == 0) {
            throw new IllegalArgumentException("a fault rule must add latency, errors, dropped connections or an outage");
        }
        return rule;
    }

    private static final Set<String> FIELDS = Set.of("latencyMs", "errorRate", "errorStatus", "dropRate",
            "dropConnections", "outageSeconds", "methods", "method", "pathRegex", "times");

    private static double number(JsonNode json, String field, double absent) {
        JsonNode value = json.get(field);
        if (value == null) {
            return absent;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return value.doubleValue();
    }

    private static long integer(JsonNode json, String field, long absent) {
        JsonNode value = json.get(field);
        if (value == null) {
            return absent;
        }
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return value.longValue();
    }

    private static boolean bool(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value != null && !value.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return value != null && value.booleanValue();
    }

    private static String text(JsonNode value, String field) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return value.textValue();
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("id", id);
        json.put("latencyMs", latencyMs);
        json.put("errorRate", errorRate);
        json.put("errorStatus", errorStatus);
        json.put("dropRate", dropRate);
        json.put("outageSeconds", outageSeconds);
        methods.forEach(json.withArray("methods")::add);
        if (pathRegex != null) {
            json.put("pathRegex", pathRegex);
        }
        if (times != null) {
            json.put("times", times);
        }
        return json;
    }
}
