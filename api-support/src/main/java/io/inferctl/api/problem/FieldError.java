package io.inferctl.api.problem;

/**
 * One entry of a problem's {@code errors} member, for refusals made before a service's own code runs.
 *
 * @param field the header, parameter or field at fault, as the client wrote it
 * @param reason what is wrong, in words a person can act on
 */
public record FieldError(String field, String reason) {
}
