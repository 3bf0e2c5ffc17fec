package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * What the Gateway API's CRD (v1.2, standard channel) makes the API server enforce and fill in on an
 * {@code HTTPRoute}, for the fields a client of this product writes: parent references, hostnames and
 * each rule's weighted backend references. The messages are the ones its OpenAPI schema and CEL rules
 * produce, so a client sees here what it would see on a real cluster.
 */
public final class HttpRoutes {

    /** The largest weight a backend reference may carry (the CRD's maximum). */
    public static final long MAX_WEIGHT = 1_000_000;
    private static final int MAX_PARENT_REFS = 32;
    private static final int MAX_RULES = 16;
    private static final int MAX_BACKEND_REFS = 16;
    private static final int MAX_HOSTNAMES = 16;
    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_PORT = 65_535;
    private static final Pattern HOSTNAME =
            Pattern.compile("(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String GATEWAY_GROUP = "gateway.networking.k8s.io";

    private HttpRoutes() {
    }

    static void validate(ResourceType type, String name, JsonNode spec) {
        Rules rules = new Rules(type, name);
        JsonNode parentRefs = rules.array(spec, "spec.parentRefs", MAX_PARENT_REFS);
        for (int i = 0; i < parentRefs.size(); i++) {
            rules.name(parentRefs.get(i), "spec.parentRefs[" + i + "]");
        }
        JsonNode hostnames = rules.array(spec, "spec.hostnames", MAX_HOSTNAMES);
        for (int i = 0; i < hostnames.size(); i++) {
            String hostname = hostnames.get(i).asText("");
            if (!HOSTNAME.matcher(hostname).matches() || hostname.length() > MAX_NAME_LENGTH) {
                throw ApiException.invalid(type, name, "spec.hostnames[" + i + "]", "Invalid value: \"" + hostname
                        + "\": spec.hostnames[" + i + "] in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?"
                        + "(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'");
            }
        }
        JsonNode ruleList = rules.array(spec, "spec.rules", MAX_RULES);
        for (int r = 0; r < ruleList.size(); r++) {
            String rulePath = "spec.rules[" + r + "]";
            JsonNode backendRefs = rules.array(ruleList.get(r), rulePath + ".backendRefs", MAX_BACKEND_REFS);
            for (int b = 0; b < backendRefs.size(); b++) {
                rules.backendRef(backendRefs.get(b), rulePath + ".backendRefs[" + b + "]");
            }
        }
    }

    /** The CRD's defaults: a rule matches every path, a reference is to a Service (or Gateway) of weight 1. */
    static void applyDefaults(ObjectNode route) {
        ObjectNode spec = route.with("spec");
        for (JsonNode parentRef : spec.path("parentRefs")) {
            if (parentRef instanceof ObjectNode ref) {
                putIfAbsent(ref, "group", GATEWAY_GROUP);
                putIfAbsent(ref, "kind", "Gateway");
            }
        }
        if (!spec.has("rules")) {
            spec.putArray("rules").addObject();
        }
        for (JsonNode rule : spec.path("rules")) {
            if (!(rule instanceof ObjectNode ruleObject)) {
                continue;
            }
            if (!ruleObject.has("matches")) {
                ObjectNode path = ruleObject.putArray("matches").addObject().putObject("path");
                path.put("type", "PathPrefix");
                path.put("value", "/");
            }
            for (JsonNode backendRef : ruleObject.path("backendRefs")) {
                if (backendRef instanceof ObjectNode ref) {
                    putIfAbsent(ref, "group", "");
                    putIfAbsent(ref, "kind", "Service");
                    if (!ref.has("weight")) {
                        ref.put("weight", 1);
                    }
                }
            }
        }
    }

    private static void putIfAbsent(ObjectNode object, String field, String value) {
        if (!object.has(field)) {
            object.put(field, value);
        }
    }

    /** Checks of one route, each refusing with the field it found wrong. */
    private record Rules(ResourceType type, String name) {

        JsonNode array(JsonNode parent, String path, int maxItems) {
            JsonNode value = parent.path(path.substring(path.lastIndexOf('.') + 1));
            if (value.isMissingNode() || value.isNull()) {
                return Json.array();
            }
            if (!(value instanceof ArrayNode)) {
                throw typeError(path, value, "array");
            }
            if (value.size() > maxItems) {
                throw ApiException.invalid(type, name, path, "Too many: " + value.size() + ": must have at most "
                        + maxItems + " items");
            }
            return value;
        }

        void name(JsonNode ref, String path) {
            if (!ref.isObject()) {
                throw typeError(path, ref, "object");
            }
            JsonNode value = ref.path("name");
            if (value.isMissingNode() || value.isNull()) {
                throw ApiException.invalid(type, name, path + ".name", "Required value");
            }
            if (!value.isTextual()) {
                throw typeError(path + ".name", value, "string");
            }
            if (value.textValue().isEmpty() || value.textValue().length() > MAX_NAME_LENGTH) {
                throw ApiException.invalid(type, name, path + ".name", "Invalid value: \"" + value.textValue() + "\": "
                        + path + ".name in body should be between 1 and " + MAX_NAME_LENGTH + " characters long");
            }
        }

        void backendRef(JsonNode ref, String path) {
            name(ref, path);
            range(ref.get("weight"), path + ".weight", 0, MAX_WEIGHT);
            range(ref.get("port"), path + ".port", 1, MAX_PORT);
            boolean toService = ref.path("kind").asText("Service").equals("Service")
                    && ref.path("group").asText("").isEmpty();
            if (toService && !ref.has("port")) {
                throw ApiException.invalid(type, name, path, "Invalid value: \"object\": Must have port for Service "
                        + "reference");
            }
        }

        private void range(JsonNode value, String path, long min, long max) {
            if (value == null || value.isNull()) {
                return;
            }
            if (!value.isIntegralNumber()) {
                throw typeError(path, value, "integer");
            }
            if (value.longValue() < min) {
                throw ApiException.invalid(type, name, path, "Invalid value: " + value.longValue() + ": " + path
                        + " in body should be greater than or equal to " + min);
            }
            if (value.longValue() > max) {
                throw ApiException.invalid(type, name, path, "Invalid value: " + value.longValue() + ": " + path
                        + " in body should be less than or equal to " + max);
            }
        }

        private ApiException typeError(String path, JsonNode value, String expected) {
            String actual = value.isTextual() ? "string" : value.isNumber() ? "number" : value.isBoolean() ? "boolean"
                    : value.isArray() ? "array" : "object";
            return ApiException.invalid(type, name, path, "Invalid value: \"" + actual + "\": " + path
                    + " in body must be of type " + expected + ": \"" + actual + "\"");
        }
    }
}
