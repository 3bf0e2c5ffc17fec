package io.inferctl.console.api;

import java.util.List;

/**
 * An API's RFC 9457 refusal as the console reads it: the stable {@code code}, the human
 * {@code detail}, and for bad input the fields it names.
 */
public record ApiProblem(int status, String code, String title, String detail, List<FieldProblem> errors) {

    public ApiProblem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public record FieldProblem(String field, String reason) {
    }

    /** What a person reads: the detail when the API gave one, else the title. */
    public String message() {
        if (detail != null && !detail.isBlank()) {
            return detail;
        }
        return title != null ? title : "The API refused the request (" + status + ").";
    }
}
