package io.inferctl.command.support;

import io.inferctl.command.CommandServiceApplication;
import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole command service on a random port, the shared PostgreSQL and Kafka, and the test
 * profile's tokens ({@link Tokens}), for other modules' tests (published in this module's test jar):
 * the query side and the rollout worker test against the real command API, not a stand-in.
 *
 * <pre>{@code
 * RunningCommandService commands = RunningCommandService.start("command_for_query_tests", Map.of());
 * commands.url();   // http://localhost:<port>
 * commands.close();
 * }</pre>
 */
public final class RunningCommandService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningCommandService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param database  the database to use (created if missing); give each test suite its own
     * @param overrides further properties, e.g. {@code inferctl.relay.topic}
     */
    public static RunningCommandService start(String database, Map<String, Object> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.name", CommandServiceApplication.CONFIG_NAME);
        properties.put("spring.profiles.active", "test");
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", SharedInfrastructure.postgres().ensureDatabase(database));
        properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
        properties.put("spring.datasource.password", "");
        properties.put("spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers());
        properties.put("axoniq.update-checker.disabled", true);
        // Another service's starter (e.g. db-scheduler) may be on the caller's classpath; not ours to run.
        properties.put("db-scheduler.enabled", false);
        properties.putAll(overrides);
        // As command-line arguments: default properties would lose to command-service.yml.
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(arguments);
        return new RunningCommandService(context);
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public String url() {
        return "http://localhost:" + port();
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
