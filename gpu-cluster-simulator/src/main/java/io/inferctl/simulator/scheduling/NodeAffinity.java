package io.inferctl.simulator.scheduling;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.store.Meta;
import java.util.Map;

/**
 * Whether a node satisfies a pod's {@code nodeSelector} and its required node affinity
 * ({@code requiredDuringSchedulingIgnoredDuringExecution}: any term matches, all expressions of a term
 * match). Preferred affinity does not filter and is ignored.
 */
final class NodeAffinity {

    private NodeAffinity() {
    }

    static boolean matches(JsonNode pod, JsonNode node) {
        Map<String, String> labels = Meta.labels(node);
        JsonNode selector = pod.path("spec").path("nodeSelector");
        var fields = selector.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        JsonNode terms = pod.path("spec").path("affinity").path("nodeAffinity")
                .path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
        if (!terms.isArray() || terms.isEmpty()) {
            return true;
        }
        for (JsonNode term : terms) {
            if (termMatches(term, labels, Meta.name(node))) {
                return true;
            }
        }
        return false;
    }

    private static boolean termMatches(JsonNode term, Map<String, String> labels, String nodeName) {
        if (term.path("matchExpressions").isEmpty() && term.path("matchFields").isEmpty()) {
            return false;
        }
        for (JsonNode expression : term.path("matchExpressions")) {
            if (!expressionMatches(expression, labels.get(expression.path("key").asText()))) {
                return false;
            }
        }
        for (JsonNode field : term.path("matchFields")) {
            String value = "metadata.name".equals(field.path("key").asText()) ? nodeName : null;
            if (!expressionMatches(field, value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean expressionMatches(JsonNode expression, String value) {
        boolean listed = false;
        for (JsonNode v : expression.path("values")) {
            listed |= v.asText().equals(value);
        }
        return switch (expression.path("operator").asText()) {
            case "In" -> value != null && listed;
            case "NotIn" -> value == null || !listed;
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt", "Lt" -> compare(expression, value);
            default -> false;
        };
    }

    private static boolean compare(JsonNode expression, String value) {
        try {
            long actual = Long.parseLong(value);
            long bound = Long.parseLong(expression.path("values").path(0).asText());
            return "Gt".equals(expression.path("operator").asText()) ? actual > bound : actual < bound;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
