package io.inferctl.worker.support;

import io.inferctl.command.CommandServiceApplication;
import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real command service in this JVM, as {@code RunningCommandService} starts it but with its
 * settings as command-line arguments: {@code RunningCommandService} passes them as default
 * properties, which {@code command-service.yml} overrides (its datasource URL wins and the service
 * looks for PostgreSQL on port 5432).
 */
public final class CommandService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private CommandService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static CommandService start(String database, Map<String, Object> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.name", CommandServiceApplication.CONFIG_NAME);
        properties.put("spring.profiles.active", "test");
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", SharedInfrastructure.postgres().ensureDatabase(database));
        properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
        properties.put("spring.datasource.password", "");
        properties.put("spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers());
        properties.put("axoniq.update-checker.disabled", true);
        // The worker's db-scheduler starter is on this classpath too; the command service has no use for it.
        properties.put("db-scheduler.enabled", false);
        properties.putAll(overrides);
        return new CommandService(new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(Arguments.of(properties)));
    }

    public String url() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
