package io.inferctl.command.endpoint;

import java.util.List;
import java.util.stream.Collectors;

/** The resulting configuration or name breaks the endpoint rules; every violation is listed. */
public class InvalidEndpointConfigException extends EndpointRefusedException {

    private final transient List<FieldViolation> violations;

    public InvalidEndpointConfigException(List<FieldViolation> violations) {
        super(RefusalCode.INVALID_CONFIGURATION, violations.stream()
                .map(v -> v.field() + ": " + v.reason())
                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
