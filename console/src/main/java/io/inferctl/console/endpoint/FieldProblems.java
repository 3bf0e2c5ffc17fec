package io.inferctl.console.endpoint;

import io.inferctl.console.api.ApiProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An API refusal split the way a form shows it: each reason beside the field it names, and what
 * names no field of the form (a conflict, a stale page, a role) at the top.
 *
 * @param byField reasons by form field name (a setting's path, {@code name} or {@code comment})
 * @param general messages for the top of the form
 */
public record FieldProblems(Map<String, String> byField, List<String> general) {

    private static final String CONFIG_PREFIX = "config.";

    public static FieldProblems none() {
        return new FieldProblems(Map.of(), List.of());
    }

    public static FieldProblems of(ApiProblem problem) {
        return of(problem, Set.of());
    }

    /** As {@link #of(ApiProblem)}, for a form whose fields also include {@code formFields} by the API's names (e.g. query parameters). */
    public static FieldProblems of(ApiProblem problem, Set<String> formFields) {
        Map<String, String> byField = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (ApiProblem.FieldProblem error : problem.errors()) {
            String field = formFields.contains(error.field()) ? error.field() : formField(error.field());
            if (field == null) {
                general.add(error.field() + " " + error.reason());
            } else {
                byField.merge(field, error.reason(), (first, second) -> first + "; " + second);
            }
        }
        if (byField.isEmpty() && general.isEmpty() || !problem.errors().isEmpty() && !general.isEmpty()) {
            general.add(0, problem.message());
        }
        return new FieldProblems(byField, general);
    }

    public static FieldProblems message(String text) {
        return new FieldProblems(Map.of(), List.of(text));
    }

    public String of(String field) {
        return byField.get(field);
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public boolean isEmpty() {
        return byField.isEmpty() && general.isEmpty();
    }

    private static String formField(String apiField) {
        if (apiField == null) {
            return null;
        }
        if (apiField.equals(ConfigForm.NAME) || apiField.equals(ConfigForm.COMMENT)) {
            return apiField;
        }
        String path = apiField.startsWith(CONFIG_PREFIX) ? apiField.substring(CONFIG_PREFIX.length()) : apiField;
        return Setting.byPath(path).map(Setting::path).orElse(null);
    }
}
