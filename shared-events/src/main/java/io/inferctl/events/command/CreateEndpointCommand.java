package io.inferctl.events.command;

import io.inferctl.events.config.EndpointConfig;

/** Create an endpoint with its first version, v0. */
public record CreateEndpointCommand(
        String endpointId,
        String name,
        EndpointConfig config,
        String comment,
        String requestedBy) implements UserCommand {

    @Override
    public Integer expectedVersion() {
        return null;
    }
}
