package io.inferctl.events.command;

/** Create the next version with the settings of an earlier version that once served traffic. */
public record RollBackEndpointCommand(
        String endpointId,
        int targetVersion,
        String comment,
        Integer expectedVersion,
        String requestedBy) implements UserCommand {
}
