package io.inferctl.query.projection.lag;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.inferctl.command.support.Tokens;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code projection} health component tells when the read model stops keeping up, and when it is back. */
class ProjectionHealthTest extends QueryServiceTest {

    @Autowired
    private ConcurrentMessageListenerContainer<String, CloudEvent> projectionContainer;
    @Autowired
    private LagProperties lag;

    @BeforeEach
    void projectionIsUp() {
        await().atMost(PROJECTED).until(() -> projectionHealth().get("status").asText().equals("UP"));
    }

    @Test
    void theProjectionIsDownWhileABatchKeepsFailingAndUpOnceItApplies() {
        EndpointHistory stalled = EndpointHistory.of("stalled-by-the-database").created();
        // A table the projector writes to is gone: a failure of the database, not of the event, so the
        // batch is retried, never dead-lettered.
        jdbc.execute("ALTER TABLE processed_event RENAME TO processed_event_gone");
        try {
            topic.send(stalled.events());
            await().atMost(PROJECTED).until(() -> projectionHealth().get("status").asText().equals("DOWN"));
            JsonNode down = projectionHealth().get("details");
            assertThat(down.get("failedAttempts").asInt()).isGreaterThanOrEqualTo(lag.maxFailedAttempts());
            assertThat(down.get("lastFailure").asText()).contains("processed_event");
        } finally {
            jdbc.execute("ALTER TABLE processed_event_gone RENAME TO processed_event");
        }

        awaitProjected(stalled.endpointId(), stalled.lastSequence());
        await().atMost(PROJECTED).until(() -> projectionHealth().get("status").asText().equals("UP"));
        assertThat(projectionHealth().get("details").has("failedAttempts")).isFalse();
    }

    @Test
    void theProjectionIsDownWhileItsOldestUnappliedEventIsOlderThanTheLimitAndUpOnceApplied() {
        EndpointHistory late = EndpointHistory.of("published-long-ago").created();
        projectionContainer.pause();
        try {
            await().atMost(PROJECTED).until(projectionContainer::isContainerPaused);
            topic.send(late.events(), Instant.now().minus(lag.maxBehind()).minus(Duration.ofMinutes(1)));
            await().atMost(PROJECTED).until(() -> projectionHealth().get("status").asText().equals("DOWN"));
            assertThat(projectionHealth().get("details").get("secondsBehind").asDouble())
                    .isGreaterThan(lag.maxBehind().toSeconds());
        } finally {
            projectionContainer.resume();
        }

        awaitProjected(late.endpointId(), late.lastSequence());
        await().atMost(PROJECTED).until(() -> projectionHealth().get("status").asText().equals("UP"));
    }

    private JsonNode projectionHealth() {
        return api.get("/actuator/health").as(Tokens.ADMIN).send().body().get("components").get("projection");
    }
}
