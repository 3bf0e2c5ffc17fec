package io.inferctl.command.web;

import io.inferctl.command.endpoint.FieldViolation;
import org.springframework.http.HttpStatus;

import java.util.List;

/** A request refused before any command was sent: malformed (400) or invalid (422) fields. */
public class RequestRejectedException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final transient List<FieldViolation> violations;

    public RequestRejectedException(HttpStatus status, String code, String message, List<FieldViolation> violations) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    /** The document does not fit the API's shape: unknown field, wrong JSON type. */
    public static RequestRejectedException malformed(List<FieldViolation> violations) {
        return new RequestRejectedException(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "The request does not match the API's shape.", violations);
    }

    /** The document is well formed but its values break the rules. */
    public static RequestRejectedException invalid(List<FieldViolation> violations) {
        return new RequestRejectedException(HttpStatus.UNPROCESSABLE_ENTITY, "VALIDATION_FAILED",
                "Some fields are invalid.", violations);
    }

    public static RequestRejectedException malformed(String field, String reason) {
        return malformed(List.of(new FieldViolation(field, reason)));
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
