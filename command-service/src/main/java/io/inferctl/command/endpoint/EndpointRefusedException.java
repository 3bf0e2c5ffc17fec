package io.inferctl.command.endpoint;

import java.util.Map;

/**
 * A command the Endpoint refused. Nothing was appended. {@code details} carry the facts a client
 * needs to act (e.g. the version in progress), keyed by the name they get in the answer.
 */
public class EndpointRefusedException extends RuntimeException {

    private final RefusalCode code;
    private final transient Map<String, Object> details;

    public EndpointRefusedException(RefusalCode code, String message) {
        this(code, message, Map.of());
    }

    public EndpointRefusedException(RefusalCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    public RefusalCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }
}
