package io.inferctl.infra.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Kafka broker in KRaft mode (broker and controller in one process), running in-process: a
 * single-node cluster, or one node of several (each its own process, so one can be killed). It is a
 * real broker: clients talk to it over TCP exactly as they would to any cluster.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats the log directory if it is new, starts the broker and waits until it answers.
     *
     * @param port   the client port; 0 picks a free one
     * @param logDir where topics live; {@code null} for a throw-away directory. An existing, formatted
     *               directory is reused, so topics and offsets survive a restart.
     */
    public static EmbeddedKafkaBroker start(int port, Path logDir) {
        return start(port, logDir, (ProxiedListener) null);
    }

    /** A single-node cluster with a second client listener for a test's TCP proxy ({@code null}: none). */
    public static EmbeddedKafkaBroker start(int port, Path logDir, ProxiedListener proxied) {
        try {
            int controllerPort = freePort();
            return start(port, logDir, new KafkaClusterNode(NODE_ID, controllerPort,
                    NODE_ID + "@localhost:" + controllerPort, Uuid.randomUuid().toString()), proxied);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Kafka", e);
        }
    }

    /**
     * Starts one node of a cluster and waits until every node of it has joined: start the others
     * at the same time, since none is ready before a majority of controllers is up.
     *
     * @param port   the client port; 0 picks a free one
     * @param logDir where this node's topics live; an existing, formatted directory is reused
     */
    public static EmbeddedKafkaBroker start(int port, Path logDir, KafkaClusterNode node) {
        return start(port, logDir, node, null);
    }

    /**
     * As {@link #start(int, Path, KafkaClusterNode)}, with a second client listener for a test's TCP
     * proxy ({@code null}: none).
     */
    public static EmbeddedKafkaBroker start(int port, Path logDir, KafkaClusterNode node, ProxiedListener proxied) {
        try {
            Path dir = logDir != null ? Files.createDirectories(logDir) : Files.createTempDirectory("kafka-");
            int brokerPort = port > 0 ? port : freePort();
            KafkaConfig config = KafkaConfig.fromProps(serverProperties(brokerPort, node, dir, proxied));
            format(config, dir, node);
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            String bootstrap = "localhost:" + brokerPort;
            awaitReady(bootstrap, node.size());
            return new EmbeddedKafkaBroker(server, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Kafka", e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Shuts the broker down, waiting at most {@link #SHUTDOWN_TIMEOUT}. The last node of a cluster
     * whose other controllers are gone cannot finish a controlled shutdown (no quorum to grant it)
     * and would wait five minutes; it is left to end with its process instead.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread shutdown = new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "kafka-shutdown");
        shutdown.setDaemon(true);
        shutdown.start();
        try {
            shutdown.join(SHUTDOWN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Properties serverProperties(int brokerPort, KafkaClusterNode node, Path dir, ProxiedListener proxied) {
        String replicas = String.valueOf(node.replicas());
        String minInSync = String.valueOf(node.minInSyncReplicas());
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(node.nodeId()));
        props.put("controller.quorum.voters", node.voters());
        String listeners = BROKER_LISTENER + "://localhost:" + brokerPort + ","
                + CONTROLLER_LISTENER + "://localhost:" + node.controllerPort();
        String advertised = BROKER_LISTENER + "://localhost:" + brokerPort;
        String protocols = BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT";
        if (proxied != null) {
            listeners += "," + ProxiedListener.NAME + "://localhost:" + proxied.port();
            advertised += "," + ProxiedListener.NAME + "://localhost:" + proxied.advertisedPort();
            protocols += "," + ProxiedListener.NAME + ":PLAINTEXT";
        }
        props.put("listeners", listeners);
        props.put("advertised.listeners", advertised);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("listener.security.protocol.map", protocols);
        props.put("log.dirs", dir.toAbsolutePath().toString());
        // Internal topics have as many replicas as the cluster allows (one on a single node), and a
        // write to any topic needs all but one of them, so one broker of three may die.
        props.put("offsets.topic.replication.factor", replicas);
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minInSync);
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minInSync);
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minInSync);
        // Consumers join at once instead of waiting for more members that a test never starts.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Lets tests that kill a consumer see its partitions move within seconds (the default floor is 6 s).
        props.put("group.min.session.timeout.ms", "1000");
        // Topics are declared by the services that own them, with their partitions and retention.
        props.put("auto.create.topics.enable", "false");
        return props;
    }

    private static void format(KafkaConfig config, Path dir, KafkaClusterNode node) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            // Already formatted: a restart must keep the cluster id its data was written under.
            return;
        }
        try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(node.nodeId())
                    .setClusterId(node.clusterId())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(dir.toAbsolutePath().toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format the Kafka log directory " + dir, e);
        }
    }

    private static void awaitReady(String bootstrap, int nodes) {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (Admin admin = Admin.create(adminConfig)) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() >= nodes) {
                        return;
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Kafka at " + bootstrap + " did not see all " + nodes + " nodes");
                    }
                    Thread.sleep(200);
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Kafka did not become ready at " + bootstrap, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
