package io.inferctl.infra;

import io.inferctl.infra.kafka.EmbeddedKafkaBroker;
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
 * </pre>
 * It prints {@code KEY=value} lines (and writes them to {@code --env-file}) once both are ready.
 */
public final class LocalInfrastructure {

    private LocalInfrastructure() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        requireFree(options.postgresPort(), "PostgreSQL (--postgres-port)");
        requireFree(options.kafkaPort(), "Kafka (--kafka-port)");

        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(
                options.postgresPort(), options.stateDir().resolve("postgres"));
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(options.kafkaPort(), options.stateDir().resolve("kafka"));

        Map<String, String> env = new LinkedHashMap<>();
        env.put("POSTGRES_PORT", String.valueOf(postgres.port()));
        env.put("POSTGRES_USER", EmbeddedPostgresServer.USER);
        for (String database : options.databases()) {
            env.put("JDBC_URL_" + database.toUpperCase(), postgres.ensureDatabase(database));
        }
        env.put("KAFKA_BOOTSTRAP", kafka.bootstrapServers());

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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            postgres.close();
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

    record Options(Path stateDir, int postgresPort, int kafkaPort, List<String> databases, Path envFile) {

        static Options parse(String[] args) {
            Path stateDir = Path.of(".local");
            int postgresPort = 0;
            int kafkaPort = 0;
            List<String> databases = new ArrayList<>();
            Path envFile = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--state-dir" -> stateDir = Path.of(require(args[i], value));
                    case "--postgres-port" -> postgresPort = Integer.parseInt(require(args[i], value));
                    case "--kafka-port" -> kafkaPort = Integer.parseInt(require(args[i], value));
                    case "--database" -> databases.add(require(args[i], value));
                    case "--env-file" -> envFile = Path.of(require(args[i], value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            return new Options(stateDir, postgresPort, kafkaPort, List.copyOf(databases), envFile);
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }
    }
}
