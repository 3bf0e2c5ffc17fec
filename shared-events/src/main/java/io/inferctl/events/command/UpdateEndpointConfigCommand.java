package io.inferctl.events.command;

import io.inferctl.events.config.ConfigField;

import java.util.Map;

/**
 * Change some settings of the latest version; the result becomes the next version unless nothing
 * changed. A {@code null} value unsets an optional setting (JSON merge patch semantics).
 */
public record UpdateEndpointConfigCommand(
        String endpointId,
        Map<ConfigField, Object> assignments,
        String comment,
        Integer expectedVersion,
        String requestedBy) implements UserCommand {
}
