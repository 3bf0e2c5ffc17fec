package io.inferctl.events.command;

/**
 * A change a person or a system asks for through the command API.
 * {@code requestedBy} is always the authenticated caller, set by the server, never by the client.
 */
public interface UserCommand extends EndpointCommand {

    String requestedBy();

    /**
     * The latest version the caller last saw (from {@code If-Match}); when the endpoint has moved on,
     * the command is refused. {@code null} skips the check.
     */
    Integer expectedVersion();
}
