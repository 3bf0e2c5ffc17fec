package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A label selector, parsed from the query-string form ({@code a=b,c!=d,e in (x,y),!f}) or from a
 * {@code LabelSelector} object ({@code matchLabels} and {@code matchExpressions}).
 */
public final class LabelSelector {

    private enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    private record Requirement(String key, Operator operator, Set<String> values) {

        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
            };
        }
    }

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
    private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

    private final List<Requirement> requirements;
    private final boolean matchesNothing;

    private LabelSelector(List<Requirement> requirements, boolean matchesNothing) {
        this.requirements = requirements;
        this.matchesNothing = matchesNothing;
    }

    public static LabelSelector everything() {
        return EVERYTHING;
    }

    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String term : splitTerms(text)) {
            requirements.add(parseTerm(term.trim()));
        }
        return new LabelSelector(requirements, false);
    }

    /**
     * From a {@code LabelSelector} object. As in the API, a missing selector selects nothing and an
     * empty one everything.
     */
    public static LabelSelector fromObject(JsonNode selector) {
        if (selector == null || selector.isNull() || selector.isMissingNode()) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        selector.path("matchLabels").fields().forEachRemaining(e ->
                requirements.add(new Requirement(e.getKey(), Operator.EQUALS, Set.of(e.getValue().asText()))));
        for (JsonNode expression : selector.path("matchExpressions")) {
            Set<String> values = new TreeSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            Operator operator = switch (expression.path("operator").asText()) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> throw ApiException.badRequest("unknown label selector operator " + expression.path("operator"));
            };
            requirements.add(new Requirement(expression.path("key").asText(), operator, values));
        }
        return new LabelSelector(requirements, false);
    }

    /** A Service-style selector: a plain map where an empty map selects nothing. */
    public static LabelSelector fromMap(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return NOTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        labels.forEach((k, v) -> requirements.add(new Requirement(k, Operator.EQUALS, Set.of(v))));
        return new LabelSelector(requirements, false);
    }

    public boolean matches(Map<String, String> labels) {
        return !matchesNothing && requirements.stream().allMatch(r -> r.matches(labels));
    }

    public boolean matches(JsonNode object) {
        return matches(Json.stringMap(object.path("metadata").path("labels")));
    }

    private static List<String> splitTerms(String text) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                terms.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        terms.add(current.toString());
        return terms;
    }

    private static Requirement parseTerm(String term) {
        String[] setForm = term.split("\\s+(?=(in|notin)\\s*\\()", 2);
        if (setForm.length == 2) {
            String rest = setForm[1].trim();
            Operator operator = rest.startsWith("notin") ? Operator.NOT_IN : Operator.IN;
            String inside = rest.substring(rest.indexOf('(') + 1, rest.lastIndexOf(')'));
            Set<String> values = new TreeSet<>();
            for (String value : inside.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.trim());
                }
            }
            return new Requirement(setForm[0].trim(), operator, values);
        }
        if (term.startsWith("!")) {
            return new Requirement(term.substring(1).trim(), Operator.DOES_NOT_EXIST, Set.of());
        }
        int notEquals = term.indexOf("!=");
        if (notEquals > 0) {
            return new Requirement(term.substring(0, notEquals).trim(), Operator.NOT_EQUALS,
                    Set.of(term.substring(notEquals + 2).trim()));
        }
        int equals = term.indexOf('=');
        if (equals > 0) {
            String value = term.substring(equals + 1);
            value = value.startsWith("=") ? value.substring(1) : value;
            return new Requirement(term.substring(0, equals).trim(), Operator.EQUALS, Set.of(value.trim()));
        }
        if (term.isEmpty()) {
            throw ApiException.badRequest("empty label selector term");
        }
        return new Requirement(term, Operator.EXISTS, Set.of());
    }
}
