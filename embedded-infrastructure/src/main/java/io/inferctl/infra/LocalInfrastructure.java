package io.inferctl.infra;

import io.inferctl.infra.kafka.EmbeddedKafkaBroker;
import io.inferctl.infra.kafka.KafkaClusterNode;
import io.inferctl.infra.kafka.ProxiedListener;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs PostgreSQL and Kafka for a local stack in the foreground until stopped. State lives under the
 * given directory, so a restart finds its databases and topics again.
 *
 * <pre>
 * java -jar embedded-infrastructure-exec.jar [--state-dir .local] [--postgres-port 5432]
 *      [--kafka-port 9092] [--database name]... [--env-file path]
 *      [--no-postgres] [--no-kafka]
 *      [--kafka-node-id N --kafka-controller-port C --kafka-voters 1@localhost:C1,... --kafka-cluster-id ID]
 *      [--kafka-proxied-port P --kafka-proxied-advertised-port A]
 * </pre>
 * It prints {@code KEY=value} lines (and writes them to {@code --env-file}) once all are ready. With
 * {@code --kafka-node-id} the Kafka it runs is one node of a multi-node cluster (its log under
 * {@code kafka-N}); start every node at the same time, since none is ready before the others. With
 * {@code --kafka-proxied-port} the broker has a second client listener there that advertises
 * {@code localhost:A}, for a test's TCP proxy on A (see {@link ProxiedListener}).
 */
public final class LocalInfrastructure {

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        if (options.postgres()) {
            requireFree(options.postgresPort(), "PostgreSQL (--postgres-port)");
        }
        if (options.kafka()) {
            requireFree(options.kafkaPort(), "Kafka (--kafka-port)");
            if (options.proxied() != null) {
                requireFree(options.proxied().port(), "Kafka's proxied listener (--kafka-proxied-port)");
            }
        }

        Map<String, String> env = new LinkedHashMap<>();
        EmbeddedPostgresServer postgres = null;
        if (options.postgres()) {
            postgres = EmbeddedPostgresServer.start(options.postgresPort(), options.stateDir().resolve("postgres"));
            env.put("POSTGRES_PORT", String.valueOf(postgres.port()));
            env.put("POSTGRES_USER", EmbeddedPostgresServer.USER);
            for (String database : options.databases()) {
                env.put("JDBC_URL_" + database.toUpperCase(), postgres.ensureDatabase(database));
            }
        }
        EmbeddedKafkaBroker kafka = null;
        if (options.kafka()) {
            kafka = options.clusterNode() == null
                    ? EmbeddedKafkaBroker.start(options.kafkaPort(), options.stateDir().resolve("kafka"), options.proxied())
                    : EmbeddedKafkaBroker.start(options.kafkaPort(),
                            options.stateDir().resolve("kafka-" + options.clusterNode().nodeId()), options.clusterNode(),
                            options.proxied());
            env.put("KAFKA_BOOTSTRAP", kafka.bootstrapServers());
        }

        StringBuilder lines = new StringBuilder();
        env.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        if (options.envFile() != null) {
            Files.createDirectories(options.envFile().toAbsolutePath().getParent());
            Files.writeString(options.envFile(), lines);
        }
        System.out.print(lines);
        System.out.println("READY");
        System.out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedPostgresServer startedPostgres = postgres;
        EmbeddedKafkaBroker startedKafka = kafka;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (startedKafka != null) {
                startedKafka.close();
            }
            if (startedPostgres != null) {
                startedPostgres.close();
            }
            stopped.countDown();
        }, "local-infrastructure-stop"));
        stopped.await();
    }

    private static void requireFree(int port, String what) {
        if (port <= 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("localhost", port));
        } catch (IOException e) {
            System.err.println("Port " + port + " for " + what + " is already in use. Stop what uses it or pick another port.");
            System.exit(2);
        }
    }

    record Options(Path stateDir, int postgresPort, int kafkaPort, List<String> databases, Path envFile,
                   boolean postgres, boolean kafka, KafkaClusterNode clusterNode, ProxiedListener proxied) {

        static Options parse(String[] args) {
            Path stateDir = Path.of(".local");
            int postgresPort = 0;
            int kafkaPort = 0;
            List<String> databases = new ArrayList<>();
            Path envFile = null;
            boolean postgres = true;
            boolean kafka = true;
            Integer nodeId = null;
            int controllerPort = 0;
            String voters = null;
            String clusterId = null;
            int proxiedPort = 0;
            int proxiedAdvertisedPort = 0;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--no-postgres" -> {
                        postgres = false;
                        continue;
                    }
                    case "--no-kafka" -> {
                        kafka = false;
                        continue;
                    }
                    case "--state-dir" -> stateDir = Path.of(require(args[i], value));
                    case "--postgres-port" -> postgresPort = Integer.parseInt(require(args[i], value));
                    case "--kafka-port" -> kafkaPort = Integer.parseInt(require(args[i], value));
                    case "--database" -> databases.add(require(args[i], value));
                    case "--env-file" -> envFile = Path.of(require(args[i], value));
                    case "--kafka-node-id" -> nodeId = Integer.parseInt(require(args[i], value));
                    case "--kafka-controller-port" -> controllerPort = Integer.parseInt(require(args[i], value));
                    case "--kafka-voters" -> voters = require(args[i], value);
                    case "--kafka-cluster-id" -> clusterId = require(args[i], value);
                    case "--kafka-proxied-port" -> proxiedPort = Integer.parseInt(require(args[i], value));
                    case "--kafka-proxied-advertised-port" -> proxiedAdvertisedPort = Integer.parseInt(require(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            KafkaClusterNode node = null;
            if (nodeId != null || voters != null || clusterId != null) {
                if (nodeId == null || voters == null || clusterId == null || controllerPort <= 0) {
                    throw new IllegalArgumentException("a Kafka cluster node needs --kafka-node-id, --kafka-controller-port, "
                            + "--kafka-voters and --kafka-cluster-id");
                }
                node = new KafkaClusterNode(nodeId, controllerPort, voters, clusterId);
            }
            ProxiedListener proxied = proxiedPort == 0 && proxiedAdvertisedPort == 0 ? null
                    : new ProxiedListener(proxiedPort, proxiedAdvertisedPort);
            return new Options(stateDir, postgresPort, kafkaPort, List.copyOf(databases), envFile, postgres, kafka, node,
                    proxied);
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
