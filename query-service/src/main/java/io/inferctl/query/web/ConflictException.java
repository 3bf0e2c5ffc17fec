package io.inferctl.query.web;

/** The request conflicts with what the service is doing, e.g. a second rebuild while one runs: 409. */
public class ConflictException extends RuntimeException {

    private final String code;
    private final String title;

    public ConflictException(String code, String title, String detail) {
        super(detail);
        this.code = code;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
