package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A refused API operation, carrying what the API server answers: an HTTP code and a {@code Status}
 * reason such as {@code NotFound}, {@code AlreadyExists}, {@code Conflict} or {@code Invalid}.
 */
public final class ApiException extends RuntimeException {

    private final int code;
    private final String reason;
    private final ObjectNode details;

    public ApiException(int code, String reason, String message, ObjectNode details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    public static ApiException notFound(ResourceType type, String name) {
        return new ApiException(404, "NotFound", type.qualifiedName() + " \"" + name + "\" not found",
                details(type, name));
    }

    public static ApiException alreadyExists(ResourceType type, String name) {
        return new ApiException(409, "AlreadyExists", type.qualifiedName() + " \"" + name + "\" already exists",
                details(type, name));
    }

    public static ApiException conflict(ResourceType type, String name) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedName() + " \"" + name
                + "\": the object has been modified; please apply your changes to the latest version and try again",
                details(type, name));
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message, null);
    }

    public static ApiException invalid(ResourceType type, String name, String field, String message) {
        ObjectNode details = details(type, name);
        ObjectNode cause = details.withArray("causes").addObject();
        cause.put("reason", "FieldValueInvalid");
        cause.put("message", message);
        cause.put("field", field);
        String kind = type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group();
        return new ApiException(422, "Invalid", kind + " \"" + name + "\" is invalid: " + field + ": " + message, details);
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message, null);
    }

    private static ObjectNode details(ResourceType type, String name) {
        ObjectNode details = Json.object();
        details.put("name", name);
        if (!type.group().isEmpty()) {
            details.put("group", type.group());
        }
        details.put("kind", type.plural());
        return details;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The {@code Status} object the API server sends for this failure. */
    public ObjectNode toStatus() {
        ObjectNode status = Json.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", getMessage());
        status.put("reason", reason);
        if (details != null) {
            status.set("details", details);
        }
        status.put("code", code);
        return status;
    }
}
