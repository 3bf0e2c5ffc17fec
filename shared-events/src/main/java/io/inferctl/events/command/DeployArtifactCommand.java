package io.inferctl.events.command;

import io.inferctl.events.config.EndpointConfig;

/**
 * A model registry says an artifact is ready: serve it. Creates the endpoint's v0 from
 * {@code template} when the endpoint does not exist yet, else the next version with only the model's
 * source and revision changed. Either version has origin {@code WEBHOOK}.
 *
 * @param name     the endpoint's name, used only when the endpoint is created
 * @param template the first version's configuration; {@code null} when the endpoint must already exist
 */
public record DeployArtifactCommand(
        String endpointId,
        String name,
        EndpointConfig template,
        String source,
        String revision,
        String comment,
        String requestedBy) implements UserCommand {

    @Override
    public Integer expectedVersion() {
        return null;
    }
}
