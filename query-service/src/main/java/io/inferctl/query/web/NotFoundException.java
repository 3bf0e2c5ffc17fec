package io.inferctl.query.web;

/**
 * Something a path or parameter names does not exist: answered 404.
 *
 * @see #parameter() the parameter that named it, or {@code null} when it was the path
 */
public class NotFoundException extends RuntimeException {

    private final String code;
    private final String title;
    private final String parameter;

    public NotFoundException(String code, String title, String detail, String parameter) {
        super(detail);
        this.code = code;
        this.title = title;
        this.parameter = parameter;
    }

    public static NotFoundException endpoint(String endpointId) {
        return new NotFoundException("ENDPOINT_NOT_FOUND", "Endpoint not found",
                "No endpoint with id " + endpointId + " in the read model.", null);
    }

    public static NotFoundException version(String endpointId, int version, String parameter) {
        return new NotFoundException("VERSION_NOT_FOUND", "Version not found",
                "Endpoint " + endpointId + " has no version " + version + ".", parameter);
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String parameter() {
        return parameter;
    }
}
