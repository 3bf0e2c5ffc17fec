package io.inferctl.query.endtoend;

import io.inferctl.command.CommandServiceApplication;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

/** The real command service, started once for the end-to-end tests of this JVM, and the calls they make on it. */
final class CommandSide {

    private static ConfigurableApplicationContext service;
    private static Api api;

    private CommandSide() {
    }

    /**
     * Starts command-service like RunningCommandService does, but with its settings as command-line
     * arguments: RunningCommandService passes them as default properties, which command-service.yml
     * overrides, so it would look for PostgreSQL on localhost:5432.
     */
    static synchronized Api api() {
        if (service == null) {
            service = new SpringApplicationBuilder(CommandServiceApplication.class).run(
                    "--spring.config.name=" + CommandServiceApplication.CONFIG_NAME,
                    "--spring.profiles.active=test",
                    "--server.port=0",
                    "--spring.datasource.url=" + SharedInfrastructure.postgres().ensureDatabase("command_for_query_tests"),
                    "--spring.datasource.username=" + EmbeddedPostgresServer.USER,
                    "--spring.datasource.password=",
                    "--spring.kafka.bootstrap-servers=" + SharedInfrastructure.kafka().bootstrapServers(),
                    "--axoniq.update-checker.disabled=true");
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "command-service-stop"));
            api = new Api(Integer.parseInt(service.getEnvironment().getProperty("local.server.port")));
        }
        return api;
    }

    static Map<String, Object> createBody(String name) {
        return Map.of("name", name, "comment", "first deploy", "config", Map.of(
                "model", Map.of("name", "Llama-3.1-8B-Instruct", "source", "hf://meta-llama/Llama-3.1-8B-Instruct"),
                "accelerator", Map.of("type", "NVIDIA_H100", "count", 1),
                "autoscaling", Map.of("minReplicas", 1, "maxReplicas", 2)));
    }

    /** Sends a command and insists it was accepted; returns the answer. */
    static Api.Response accepted(Api.Call call) {
        Api.Response response = call.send();
        if (response.status() >= 300) {
            throw new AssertionError("command refused: " + response);
        }
        return response;
    }

    static Api.Response report(String endpointId, int version, String step) {
        return accepted(api().post("/v1/internal/endpoints/" + endpointId + "/versions/" + version + "/rollout/" + step)
                .as(Tokens.WORKER));
    }
}
