package io.inferctl.command.endpoint;

/**
 * One reason a request was refused, tied to the field it is about.
 *
 * @param field the field's path as the client wrote it, e.g. {@code config.accelerator.count}
 * @param reason what is wrong, in words a person can act on
 */
public record FieldViolation(String field, String reason) {
}
