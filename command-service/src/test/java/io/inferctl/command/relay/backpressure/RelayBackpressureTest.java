package io.inferctl.command.relay.backpressure;

import io.inferctl.command.relay.KafkaEventRelay;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While the relay cannot publish, users' changes are refused with 429 once more than
 * {@code inferctl.relay.backpressure.max-lag-events} are waiting (20 in tests), and nothing of a
 * refused change is stored; the worker's reports still pass; and changes are accepted again once
 * the relay has caught up.
 */
class RelayBackpressureTest extends CommandServiceTest {

    private static final Duration REFUSAL = Duration.ofSeconds(30);

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private BackpressureProperties properties;
    @Autowired
    private RelayLag lag;

    @AfterEach
    void restartRelay() {
        if (!relay().isRunning()) {
            relay().start();
        }
        awaitCaughtUp();
    }

    @Test
    void changesAreRefusedWhileTheRelayIsBehindAndAcceptedOnceItCaughtUp() {
        assertThat(properties.maxLagEvents()).isEqualTo(20);
        relay().shutDown();
        long atStop = events.totalEvents();

        List<String> accepted = new ArrayList<>();
        await().atMost(REFUSAL).until(() -> {
            Api.Response created = create(unique("pushed"), null);
            if (created.status() == 201) {
                accepted.add(created.body().get("endpointId").asText());
                return false;
            }
            assertThat(created.status()).as(created.toString()).isEqualTo(429);
            return true;
        });
        assertThat(events.totalEvents() - atStop).as("events accepted before the refusals began")
                .isGreaterThan(20).isLessThan(100);

        long stored = events.totalEvents();
        String name = unique("refused");
        Api.Response refused = create(name, "key-" + name);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("code").asText()).isEqualTo("RELAY_BEHIND");
        assertThat(refused.body().get("detail").asText()).contains("not stored");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, properties.maxRetryAfter().toSeconds());
        assertThat(events.totalEvents()).as("nothing of a refused change is stored").isEqualTo(stored);

        String reported = accepted.get(0);
        api.reportServing(reported, 0);
        assertThat(events.totalEvents()).as("the worker's reports still pass").isGreaterThan(stored);

        relay().start();
        awaitCaughtUp();
        Api.Response retried = create(name, "key-" + name);
        assertThat(retried.status()).as("a retry with the refused request's key is a first request").isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
    }

    private Api.Response create(String name, String key) {
        Api.Call call = api.post("/v1/endpoints").as(Tokens.ALICE).json(createBody(name));
        return key == null ? call.send() : call.idempotencyKey(key).send();
    }

    private void awaitCaughtUp() {
        await().atMost(REFUSAL).until(() -> lag.last().map(sample -> sample.events() == 0).orElse(false));
    }

    private StreamingEventProcessor relay() {
        return processing.eventProcessor(KafkaEventRelay.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
    }
}
