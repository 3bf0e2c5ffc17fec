package io.inferctl.simulator.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A fault of the simulated inference engine, not of the API: the pods whose labels match
 * {@code labels} (and namespace, when given) answer a share {@code errorRate} of their requests with an
 * error and take {@code latencyMs} longer, from {@code afterSeconds} after each pod became ready. Pods
 * stay ready: the engine is bad, not down, which only its metrics reveal.
 *
 * @param id           assigned when the rule is added
 * @param namespace    null for every namespace
 * @param labels       labels a pod must carry, e.g. the worker's {@code inferctl.io/version}; empty for all pods
 * @param afterSeconds how long after a pod became ready the fault begins
 * @param errorRate    share of the pod's requests that fail (0..1); exact, not random: 0.25 fails every fourth
 * @param latencyMs    added to every request of the pod
 */
public record EngineFaultRule(String id, String namespace, Map<String, String> labels, long afterSeconds,
        double errorRate, long latencyMs) {

    private static final Set<String> FIELDS = Set.of("namespace", "labels", "afterSeconds", "errorRate", "latencyMs");

    public EngineFaultRule {
        labels = Map.copyOf(labels);
        if (afterSeconds < 0 || latencyMs < 0 || errorRate < 0 || errorRate > 1) {
            throw new IllegalArgumentException("afterSeconds and latencyMs must be >= 0, errorRate between 0 and 1");
        }
        if (errorRate == 0 && latencyMs == 0) {
            throw new IllegalArgumentException("an engine fault rule must add errors or latency");
        }
    }

    public static EngineFaultRule forLabels(Map<String, String> labels, long afterSeconds, double errorRate,
            long latencyMs) {
        return new EngineFaultRule(null, null, labels, afterSeconds, errorRate, latencyMs);
    }

    EngineFaultRule withId(String newId) {
        return new EngineFaultRule(newId, namespace, labels, afterSeconds, errorRate, latencyMs);
    }

    public boolean matches(String podNamespace, Map<String, String> podLabels) {
        return (namespace == null || namespace.equals(podNamespace))
                && labels.entrySet().stream().allMatch(l -> l.getValue().equals(podLabels.get(l.getKey())));
    }

    /**
     * From the admin API's JSON: {@code {"labels":{"inferctl.io/version":"1"},"afterSeconds":30,"errorRate":0.5}}.
     * Unknown fields and wrong types are refused, so a typo never installs a rule that does nothing.
     */
    public static EngineFaultRule fromJson(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        json.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'; known fields: " + new TreeMap<>(
                        Map.of("fields", FIELDS)).get("fields"));
            }
        });
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode labelNode = json.path("labels");
        if (!labelNode.isMissingNode() && !labelNode.isObject()) {
            throw new IllegalArgumentException("labels must be an object of label names to values");
        }
        labelNode.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException("labels." + e.getKey() + " must be a string");
            }
            labels.put(e.getKey(), e.getValue().textValue());
        });
        JsonNode namespace = json.get("namespace");
        if (namespace != null && !namespace.isTextual()) {
            throw new IllegalArgumentException("namespace must be a string");
        }
        return new EngineFaultRule(null, namespace == null ? null : namespace.textValue(), labels,
                integer(json, "afterSeconds"), number(json, "errorRate"), integer(json, "latencyMs"));
    }

    private static long integer(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value != null && !value.isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be a whole number");
        }
        return value == null ? 0 : value.longValue();
    }

    private static double number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value != null && !value.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return value == null ? 0 : value.doubleValue();
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("id", id);
        if (namespace != null) {
            json.put("namespace", namespace);
        }
        ObjectNode labelJson = json.putObject("labels");
        new TreeMap<>(labels).forEach(labelJson::put);
        json.put("afterSeconds", afterSeconds);
        json.put("errorRate", errorRate);
        json.put("latencyMs", latencyMs);
        return json;
    }
}
