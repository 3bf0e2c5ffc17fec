package io.inferctl.query.web;

/** A query parameter (or header) the client got wrong: answered 400 naming it. */
public class BadParameterException extends RuntimeException {

    private final String parameter;
    private final String reason;

    public BadParameterException(String parameter, String reason) {
        super(parameter + ": " + reason);
        this.parameter = parameter;
        this.reason = reason;
    }

    public String parameter() {
        return parameter;
    }

    public String reason() {
        return reason;
    }
}
