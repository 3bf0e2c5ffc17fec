package io.inferctl.command.support;

import io.inferctl.command.CommandServiceApplication;
import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

/**
 * The whole command service on a real port, a real PostgreSQL and a real Kafka broker. Every test
 * class shares one application context (same properties), so the servers start once per build.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + CommandServiceApplication.CONFIG_NAME)
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("test")
public abstract class CommandServiceTest {

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;
    protected EventStore events;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedInfrastructure.postgres().ensureDatabase("command_service_test"));
        registry.add("spring.datasource.username", () -> EmbeddedPostgresServer.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.kafka.bootstrap-servers", () -> SharedInfrastructure.kafka().bootstrapServers());
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        events = new EventStore(jdbc);
    }

    /** A valid create request body with a name unique to the calling test. */
    protected static Map<String, Object> createBody(String name) {
        return Map.of("name", name, "comment", "first deploy", "config", Map.of(
                "model", Map.of("name", "Llama-3.1-8B-Instruct", "source", "hf://meta-llama/Llama-3.1-8B-Instruct"),
                "accelerator", Map.of("type", "NVIDIA_H100", "count", 1),
                "autoscaling", Map.of("minReplicas", 1, "maxReplicas", 2)));
    }

    /** Creates an endpoint and reports its v0 as serving; returns its id. */
    protected String servingEndpoint(String name) {
        Api.Response created = api.post("/v1/endpoints").as(Tokens.ALICE).json(createBody(name)).send();
        if (created.status() != 201) {
            throw new AssertionError("create failed: " + created);
        }
        String id = created.body().get("endpointId").asText();
        reportServing(id, 0);
        return id;
    }

    /** The worker's reports that take a pending version to CURRENT. */
    protected void reportServing(String endpointId, int version) {
        api.reportServing(endpointId, version);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }
}
