package io.inferctl.worker.rollout;

import io.inferctl.command.support.EventStore;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import io.inferctl.simulator.GpuClusterSimulator;
import io.inferctl.worker.support.ClusterView;
import io.inferctl.worker.support.CommandSide;
import io.inferctl.worker.support.RunningWorker;
import io.inferctl.worker.support.TestStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A drain whose saga cannot be stored: PostgreSQL terminates the worker's connections while the drain
 * runs (as in the fault suite's database outage), after the drain kept the superseded version warm and
 * before its saga, at STANDBY with its standby-ends deadline, is committed. The deadline must run
 * again soon: with db-scheduler's default for Axon's task it came back only after 5 minutes, and the
 * superseded version kept its GPUs that long.
 */
class DrainAfterDatabaseFaultTest {

    private static final Duration OUTCOME = Duration.ofSeconds(Long.getLong("outcome.seconds", 60));
    private static final String DATABASE = "worker_drain_fault_tests";
    private static final Map<String, Object> QWEN = Map.of("model",
            Map.of("name", "Qwen2.5-7B-Instruct", "source", "hf://Qwen/Qwen2.5-7B-Instruct"));
    private static final AtomicBoolean connectionsTerminated = new AtomicBoolean();

    private static CommandSide commands;
    private static ClusterView view;
    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        GpuClusterSimulator cluster = TestStack.simulator();
        commands = new CommandSide(TestStack.commands());
        view = new ClusterView(cluster.client());
        Map<String, Object> properties = TestStack.workerProperties(DATABASE, TestStack.kubeconfig());
        properties.put("inferctl.deadlines.retry-interval", "1s");
        worker = RunningWorker.start(properties,
                terminateConnectionsOnFirstKeepWarm((String) properties.get("spring.datasource.url")));
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void aDrainWhoseSagaCouldNotBeStoredRunsAgainSoonAndTheStandbyEndsOnTime() {
        String name = "drainfault-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String id = commands.create(name, CommandSide.with(CommandSide.warmConfig(), "rollout",
                Map.of("warmStandbySeconds", 2)));
        await().atMost(OUTCOME).until(() -> commands.outcome(id, 0) != null);
        assertThat(commands.outcome(id, 0).simpleType()).isEqualTo("RolloutSucceeded");

        int v1 = commands.update(id, QWEN);
        await().atMost(OUTCOME).until(() -> commands.outcome(id, v1) != null);
        assertThat(commands.outcome(id, v1).simpleType()).isEqualTo("RolloutSucceeded");
        await().atMost(OUTCOME).until(connectionsTerminated::get);

        // Run again, the drain keeps the window it left on the cluster; when that ends, v0 goes.
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).equals(List.of(v1)));
        // The standby's end is reported after its Deployment went: the report may land a moment later.
        await().atMost(OUTCOME).untilAsserted(() -> assertThat(standbyEvents(id, "VersionStandbyEnded")).singleElement()
                .satisfies(e -> assertThat(e.payload().get("reason").asText()).isEqualTo("EXPIRED")));
        commands.delete(id);
        await().atMost(OUTCOME).until(() -> view.deployedVersions(id).isEmpty());
    }

    private static List<EventStore.StoredEvent> standbyEvents(String id, String type) {
        return commands.events(id).stream()
                .filter(e -> e.simpleType().equals(type) && e.payload().get("version").asInt() == 0).toList();
    }

    /** Before the first {@code Cluster.keepWarm}: every other connection to the worker's database is terminated. */
    private static BeanPostProcessor terminateConnectionsOnFirstKeepWarm(String url) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof Cluster)) {
                    return bean;
                }
                return Proxy.newProxyInstance(Cluster.class.getClassLoader(), new Class<?>[]{Cluster.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("keepWarm") && connectionsTerminated.compareAndSet(false, true)) {
                                terminateOtherConnections(url);
                            }
                            try {
                                return method.invoke(bean, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    private static void terminateOtherConnections(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
    }
}
