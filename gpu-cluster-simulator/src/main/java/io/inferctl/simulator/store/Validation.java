package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The validation a real API server would refuse with 422 Invalid, kept to the rules a client of this
 * product can break: names, selectors that do not match their template, containers without image,
 * GPU requests that differ from limits, and a Deployment selector changed after creation.
 */
public final class Validation {

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_SUBDOMAIN_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private Validation() {
    }

    public static void onCreate(ResourceType type, String name, JsonNode object) {
        validateName(type, name);
        validateSpec(type, name, object);
    }

    public static void onUpdate(ResourceType type, String name, JsonNode current, JsonNode updated) {
        validateSpec(type, name, updated);
        if (type.equals(ResourceTypes.DEPLOYMENTS) || type.equals(ResourceTypes.REPLICA_SETS)) {
            JsonNode before = current.path("spec").path("selector");
            JsonNode after = updated.path("spec").path("selector");
            if (!Json.canonical(before).equals(Json.canonical(after))) {
                throw ApiException.invalid(type, name, "spec.selector",
                        "Invalid value: " + Json.write(after) + ": field is immutable");
            }
        }
    }

    private static void validateName(ResourceType type, String name) {
        boolean serviceName = type.equals(ResourceTypes.SERVICES) || type.equals(ResourceTypes.NAMESPACES);
        if (name == null || name.isEmpty()) {
            throw ApiException.invalid(type, "", "metadata.name", "Required value: name or generateName is required");
        }
        if (serviceName && (!DNS_LABEL.matcher(name).matches() || name.length() > MAX_LABEL_LENGTH)) {
            throw ApiException.invalid(type, name, "metadata.name", "Invalid value: \"" + name
                    + "\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                    + "alphabetic character, and end with an alphanumeric character");
        }
        if (!DNS_SUBDOMAIN.matcher(name).matches() || name.length() > MAX_SUBDOMAIN_LENGTH) {
            throw ApiException.invalid(type, name, "metadata.name", "Invalid value: \"" + name
                    + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                    + "and must start and end with an alphanumeric character");
        }
    }

    private static void validateSpec(ResourceType type, String name, JsonNode object) {
        if (type.equals(ResourceTypes.PODS)) {
            validatePodSpec(type, name, object.path("spec"), "spec");
        } else if (type.equals(ResourceTypes.DEPLOYMENTS) || type.equals(ResourceTypes.REPLICA_SETS)) {
            JsonNode spec = object.path("spec");
            if (spec.path("replicas").asInt(0) < 0) {
                throw ApiException.invalid(type, name, "spec.replicas",
                        "Invalid value: " + spec.path("replicas").asInt() + ": must be greater than or equal to 0");
            }
            JsonNode selector = spec.path("selector");
            if (selector.isMissingNode() || selector.isEmpty()) {
                throw ApiException.invalid(type, name, "spec.selector", "Required value");
            }
            Map<String, String> templateLabels = Json.stringMap(spec.path("template").path("metadata").path("labels"));
            if (!LabelSelector.fromObject(selector).matches(templateLabels)) {
                throw ApiException.invalid(type, name, "spec.template.metadata.labels",
                        "Invalid value: " + templateLabels + ": `selector` does not match template `labels`");
            }
            validatePodSpec(type, name, spec.path("template").path("spec"), "spec.template.spec");
            JsonNode rolling = spec.path("strategy").path("rollingUpdate");
            if (isZero(rolling.path("maxSurge")) && isZero(rolling.path("maxUnavailable"))) {
                throw ApiException.invalid(type, name, "spec.strategy.rollingUpdate.maxUnavailable",
                        "Invalid value: 0: may not be 0 when `maxSurge` is 0");
            }
        } else if (type.equals(ResourceTypes.HTTP_ROUTES)) {
            HttpRoutes.validate(type, name, object.path("spec"));
        } else if (type.equals(ResourceTypes.HORIZONTAL_POD_AUTOSCALERS)) {
            JsonNode spec = object.path("spec");
            int min = spec.path("minReplicas").asInt(1);
            int max = spec.path("maxReplicas").asInt(0);
            if (max < 1 || max < min) {
                throw ApiException.invalid(type, name, "spec.maxReplicas",
                        "Invalid value: " + max + ": must be greater than or equal to `minReplicas` and to 1");
            }
            if (spec.path("scaleTargetRef").path("name").asText("").isEmpty()) {
                throw ApiException.invalid(type, name, "spec.scaleTargetRef.name", "Required value");
            }
        }
    }

    private static void validatePodSpec(ResourceType type, String name, JsonNode spec, String path) {
        JsonNode containers = spec.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            throw ApiException.invalid(type, name, path + ".containers", "Required value");
        }
        for (int i = 0; i < containers.size(); i++) {
            JsonNode container = containers.get(i);
            String at = path + ".containers[" + i + "]";
            if (container.path("name").asText("").isEmpty()) {
                throw ApiException.invalid(type, name, at + ".name", "Required value");
            }
            if (container.path("image").asText("").isEmpty()) {
                throw ApiException.invalid(type, name, at + ".image", "Required value");
            }
            JsonNode limit = container.path("resources").path("limits").path(Defaults.GPU_RESOURCE);
            JsonNode request = container.path("resources").path("requests").path(Defaults.GPU_RESOURCE);
            for (JsonNode quantity : new JsonNode[] {limit, request}) {
                if (!quantity.isMissingNode() && !isWholeNumber(quantity.asText())) {
                    throw ApiException.invalid(type, name, at + ".resources.limits[" + Defaults.GPU_RESOURCE + "]",
                            "Invalid value: \"" + quantity.asText() + "\": must be an integer");
                }
            }
            if (!limit.isMissingNode() && !request.isMissingNode() && !limit.asText().equals(request.asText())) {
                throw ApiException.invalid(type, name, at + ".resources.requests",
                        "Invalid value: \"" + request.asText() + "\": must be equal to " + Defaults.GPU_RESOURCE + " limit of "
                                + limit.asText());
            }
            if (limit.isMissingNode() && !request.isMissingNode()) {
                throw ApiException.invalid(type, name, at + ".resources.limits",
                        "Required value: Limit must be set for non overcommitable resources");
            }
        }
    }

    private static boolean isZero(JsonNode intOrPercent) {
        return !intOrPercent.isMissingNode() && ("0".equals(intOrPercent.asText()) || "0%".equals(intOrPercent.asText()));
    }

    private static boolean isWholeNumber(String text) {
        try {
            BigDecimal value = new BigDecimal(text);
            return value.signum() >= 0 && value.stripTrailingZeros().scale() <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
