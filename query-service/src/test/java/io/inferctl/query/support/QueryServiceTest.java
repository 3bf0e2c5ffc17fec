package io.inferctl.query.support;

import io.inferctl.command.support.Api;
import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import io.inferctl.query.QueryServiceApplication;
import io.inferctl.query.projection.kafka.ProjectionProperties;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The whole query service on a real port, a real PostgreSQL and a real Kafka broker. Every test
 * class shares one application context, so the servers and the projection start once per build.
 * Events reach the read model the way they do in production: as CloudEvents on the topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + QueryServiceApplication.CONFIG_NAME)
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("test")
public abstract class QueryServiceTest {

    public static final String DATABASE = "query_service_test";
    public static final Duration PROJECTED = Duration.ofSeconds(30);

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ProjectionProperties projection;

    protected Api api;
    protected TopicWriter topic;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> SharedInfrastructure.postgres().ensureDatabase(DATABASE));
        registry.add("spring.datasource.username", () -> EmbeddedPostgresServer.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.kafka.bootstrap-servers", () -> {
            // command-service creates the topic in production; here it must exist before the listener starts.
            TopicWriter.ensureTopic(TopicWriter.TOPIC, 3);
            return SharedInfrastructure.kafka().bootstrapServers();
        });
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        topic = TopicWriter.shared();
    }

    /** Sends the events as the relay would and waits until the read model has applied the last of each endpoint. */
    protected void publishAndAwait(EndpointHistory... histories) {
        for (EndpointHistory history : histories) {
            topic.send(history.events());
        }
        for (EndpointHistory history : histories) {
            awaitProjected(history.endpointId(), history.lastSequence());
        }
    }

    protected void awaitProjected(String endpointId, long sequence) {
        await().atMost(PROJECTED).until(() -> projectedSequence(endpointId) >= sequence);
    }

    protected long projectedSequence(String endpointId) {
        return jdbc.queryForList("SELECT last_sequence FROM endpoint WHERE endpoint_id = ?", Long.class, endpointId)
                .stream().findFirst().orElse(-1L);
    }
}
