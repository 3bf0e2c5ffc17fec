package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field selector such as {@code spec.nodeName=gpu-h100-0,status.phase!=Failed}. Any dotted path of
 * the object can be selected on, a superset of what the real API server allows per type.
 */
public final class FieldSelector {

    private record Term(String[] path, boolean equals, String value) {

        boolean matches(JsonNode object) {
            JsonNode node = object;
            for (String step : path) {
                node = node.path(step);
            }
            String actual = node.isMissingNode() || node.isNull() ? "" : node.asText();
            return equals == actual.equals(value);
        }
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    public static FieldSelector parse(String text) {
        List<Term> terms = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String term : text.split(",")) {
                int notEquals = term.indexOf("!=");
                int equals = term.indexOf('=');
                if (notEquals > 0) {
                    terms.add(new Term(term.substring(0, notEquals).trim().split("\\."), false,
                            term.substring(notEquals + 2).trim()));
                } else if (equals > 0) {
                    String value = term.substring(equals + 1);
                    value = value.startsWith("=") ? value.substring(1) : value;
                    terms.add(new Term(term.substring(0, equals).trim().split("\\."), true, value.trim()));
                } else {
                    throw ApiException.badRequest("invalid field selector: " + term);
                }
            }
        }
        return new FieldSelector(terms);
    }

    public boolean matches(JsonNode object) {
        return terms.stream().allMatch(t -> t.matches(object));
    }
}
