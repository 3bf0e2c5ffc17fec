package io.inferctl.infra.kafka;

/**
 * A second client listener of a broker, for a test that puts a TCP proxy between some clients and
 * Kafka: the broker listens on {@code port} and tells clients that bootstrapped there to reach every
 * broker at {@code localhost:advertisedPort}, where the proxy listens and forwards to {@code port}.
 * Kafka clients connect to the advertised address of the listener they bootstrapped on, so all the
 * traffic of such a client goes through the proxy, while the other clients (and the brokers among
 * themselves) keep the ordinary listener.
 *
 * @param port           where the broker listens for the proxy's connections
 * @param advertisedPort what the broker advertises for this listener (the proxy's port)
 */
public record ProxiedListener(int port, int advertisedPort) {

    /** The listener's name in the broker's configuration. */
    static final String NAME = "PROXIED";

    public ProxiedListener {
        if (port <= 0 || advertisedPort <= 0) {
            throw new IllegalArgumentException("a proxied listener needs both ports, not " + port + " and " + advertisedPort);
        }
    }
}
