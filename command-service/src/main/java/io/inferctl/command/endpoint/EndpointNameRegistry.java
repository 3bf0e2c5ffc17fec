package io.inferctl.command.endpoint;

/**
 * Names are unique among live endpoints, a rule across aggregates. Implementations must take part
 * in the transaction that appends the command's events, so a refused or failed command frees the name.
 */
public interface EndpointNameRegistry {

    /** @return {@code false} when another live endpoint holds the name */
    boolean claim(String name, String endpointId);

    void release(String name, String endpointId);
}
