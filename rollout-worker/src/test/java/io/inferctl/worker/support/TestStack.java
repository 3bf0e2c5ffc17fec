package io.inferctl.worker.support;

import io.inferctl.command.support.RunningCommandService;
import io.inferctl.command.support.Tokens;
import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import io.inferctl.simulator.GpuClusterSimulator;
import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.worker.RolloutWorkerApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every integration test of the worker runs against, started once per JVM: the real command
 * service (real PostgreSQL, real Kafka) relaying to a topic of its own, and a simulated GPU cluster
 * reached through a kubeconfig file as on a real machine.
 */
public final class TestStack {

    public static final String TOPIC = "endpoint-events-worker-tests";
    /** Two H100 nodes and one B200 node, 8 GPUs each. */
    public static final String SHAPE = "2xNVIDIA_H100:8,1xNVIDIA_B200:8";

    private static RunningCommandService commands;
    private static GpuClusterSimulator simulator;
    private static Path kubeconfig;

    private TestStack() {
    }

    public static synchronized RunningCommandService commands() {
        if (commands == null) {
            // The worker's db-scheduler starter is on this classpath too; the command service has no use for it.
            commands = RunningCommandService.start("command_for_worker_tests",
                    Map.of("inferctl.relay.topic", TOPIC, "db-scheduler.enabled", false));
            Runtime.getRuntime().addShutdownHook(new Thread(commands::close, "command-service-stop"));
        }
        return commands;
    }

    public static synchronized GpuClusterSimulator simulator() {
        if (simulator == null) {
            simulator = GpuClusterSimulator.builder().shape(ClusterShape.parse(SHAPE)).forTests().build().start();
            kubeconfig = writeKubeconfig(simulator, "shared");
            Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "simulator-stop"));
        }
        return simulator;
    }

    public static synchronized Path kubeconfig() {
        simulator();
        return kubeconfig;
    }

    public static Path writeKubeconfig(GpuClusterSimulator cluster, String name) {
        try {
            Path file = Files.createTempDirectory("worker-kubeconfig-").resolve(name + ".kubeconfig");
            return cluster.writeKubeconfig(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The worker's settings for a test: its own database and consumer group, the shared broker and
     * topic, the command service with the worker token, the given kubeconfig, quick pacing.
     */
    public static Map<String, Object> workerProperties(String database, Path kubeconfig) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.name", RolloutWorkerApplication.CONFIG_NAME);
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", SharedInfrastructure.postgres().ensureDatabase(database));
        properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
        properties.put("spring.datasource.password", "");
        properties.put("spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers());
        properties.put("inferctl.inbox.topic", TOPIC);
        properties.put("inferctl.inbox.group-id", "worker-" + database);
        properties.put("inferctl.reports.command-url", commands().url());
        properties.put("inferctl.reports.token", Tokens.WORKER);
        properties.put("inferctl.kubernetes.kubeconfig", kubeconfig.toString());
        properties.put("inferctl.rollout.drain-delay", "1s");
        properties.put("inferctl.rollout.readiness-check-interval", "100ms");
        properties.put("inferctl.rollout.compensation-retry-interval", "500ms");
        properties.put("axoniq.update-checker.disabled", true);
        // The test classpath holds command-service and its Spring Security; the worker's own jar has none.
        properties.put("spring.autoconfigure.exclude",
                "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
                        + "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
                        + "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration");
        properties.put("logging.level.org.apache.kafka", "WARN");
        properties.put("logging.level.org.axonframework", System.getProperty("axon.log.level", "WARN"));
        properties.put("logging.level.io.inferctl.worker", System.getProperty("worker.log.level", "INFO"));
        return properties;
    }
}
