package io.inferctl.events.command;

/** Delete an endpoint; afterwards it accepts no command at all. */
public record DeleteEndpointCommand(
        String endpointId,
        String comment,
        Integer expectedVersion,
        String requestedBy) implements UserCommand {
}
