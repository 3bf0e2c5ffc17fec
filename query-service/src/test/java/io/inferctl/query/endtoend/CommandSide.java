package io.inferctl.query.endtoend;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.RunningCommandService;
import io.inferctl.command.support.Tokens;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

/** The real command service, started once for the end-to-end tests of this JVM, and the calls they make on it. */
final class CommandSide {

    private static RunningCommandService service;
    private static Api api;

    private CommandSide() {
    }

    static synchronized Api api() {
        if (service == null) {
            service = RunningCommandService.start("command_for_query_tests", Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "command-service-stop"));
            api = new Api(service.port());
        }
        return api;
    }

    /** The command service's port, for requests written byte by byte. */
    static int port() {
        api();
        return service.port();
    }

    /** The command service's own database: its event store, name registry and idempotency records. */
    static JdbcClient store() {
        api();
        return service.context().getBean(JdbcClient.class);
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
