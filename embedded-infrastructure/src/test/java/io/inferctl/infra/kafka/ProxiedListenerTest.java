package io.inferctl.infra.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The second client listener the fault suite's TCP proxy forwards to: a client that bootstrapped on
 * it is told to reach the broker at the listener's advertised port (the proxy's), and a client on
 * the ordinary port still sees the ordinary address.
 */
class ProxiedListenerTest {

    @Test
    void aClientBootstrappedOnTheProxiedListenerIsToldItsAdvertisedPort(@TempDir Path dir) throws Exception {
        int plain = freePort();
        int proxiedPort = freePort();
        // Advertised as itself here, so that no proxy is needed to follow the address the broker hands out.
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(plain, dir, new ProxiedListener(proxiedPort, proxiedPort))) {
            assertThat(ports(nodes("localhost:" + proxiedPort))).containsExactly(proxiedPort);
            assertThat(ports(nodes(broker.bootstrapServers()))).containsExactly(plain);
        }
    }

    @Test
    void bothPortsAreNeeded() {
        assertThatThrownBy(() -> new ProxiedListener(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Collection<Node> nodes(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            return admin.describeCluster().nodes().get(1, TimeUnit.MINUTES);
        }
    }

    private static java.util.List<Integer> ports(Collection<Node> nodes) {
        return nodes.stream().map(Node::port).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
