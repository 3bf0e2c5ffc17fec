package io.inferctl.query.web;

/** One query parameter at fault and why: an entry of a problem's {@code errors}. */
public record ParameterError(String field, String reason) {
}
