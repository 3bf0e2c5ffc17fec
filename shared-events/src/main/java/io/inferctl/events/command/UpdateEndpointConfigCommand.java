package io.inferctl.events.command;

import io.inferctl.events.config.ConfigField;

import java.util.Map;

/**
 * Change some settings; the result becomes the next version unless it is what already serves. A
 * {@code null} value unsets an optional setting (JSON merge patch semantics).
 *
 * @param baseVersion the version whose settings the change applies to: {@code null} for the version
 *                    serving traffic (the latest when nothing serves); the latest version, to build
 *                    on a proposal that failed or was cancelled; or any version that once served
 */
public record UpdateEndpointConfigCommand(
        String endpointId,
        Map<ConfigField, Object> assignments,
        String comment,
        Integer expectedVersion,
        String requestedBy,
        Integer baseVersion) implements UserCommand {
}
