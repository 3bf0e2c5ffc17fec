package io.inferctl.query.projection.lag;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.config.ConfigField;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import io.inferctl.stream.StreamedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The projection's lag as gauges, in the health endpoint, and as readers feel it under a steady stream. */
class ProjectionLagTest extends QueryServiceTest {

    @Autowired
    private ConcurrentMessageListenerContainer<String, CloudEvent> projectionContainer;
    @Autowired
    private MeterRegistry meters;

    @Test
    void eventsBehindAndSecondsBehindShowWhileTheProjectionIsPausedAndReturnToZero() {
        EndpointHistory history = EndpointHistory.of("lagging").created().served().updated(
                Map.of(ConfigField.ACCELERATOR_COUNT, 2), "two").served();
        projectionContainer.pause();
        try {
            await().atMost(PROJECTED).until(projectionContainer::isContainerPaused);
            topic.send(history.events());

            await().atMost(PROJECTED).until(() -> gauge("inferctl.projection.lag.events") >= history.events().size());
            await().atMost(PROJECTED).until(() -> gauge("inferctl.projection.lag.seconds") > 0);
            JsonNode health = api.get("/actuator/health").as(Tokens.ADMIN).send().body().get("components").get("projection");
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("details").get("paused").asBoolean()).isTrue();
            assertThat(health.get("details").get("eventsBehind").asLong()).isGreaterThanOrEqualTo(history.events().size());
            assertThat(health.get("details").get("parkedEvents").asLong()).isGreaterThanOrEqualTo(0);
        } finally {
            projectionContainer.resume();
        }

        awaitProjected(history.endpointId(), history.lastSequence());
        await().atMost(PROJECTED).until(() -> gauge("inferctl.projection.lag.events") == 0
                && gauge("inferctl.projection.lag.seconds") == 0);
        assertThat(api.get("/actuator/prometheus").send().raw().body())
                .contains("inferctl_projection_lag_events", "inferctl_projection_lag_seconds",
                        "inferctl_projection_event_age_seconds", "inferctl_projection_parked_events");
    }

    /**
     * Drives a steady stream and measures, for every event, the time from the broker's acknowledgement
     * to a query with that event's sequence answering: the lag a reader of their own writes sees.
     */
    @Test
    void underASteadyStreamEveryEventIsReadableWithinTheConsistencyWait() throws Exception {
        int endpoints = 10;
        int eventsPerEndpoint = 60;
        int eventsPerSecond = 100;
        List<EndpointHistory> histories = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            EndpointHistory history = EndpointHistory.of("steady-" + i).created();
            for (int v = 1; v < eventsPerEndpoint; v++) {
                history.updated(Map.of(ConfigField.ENGINE_QUEUE_TIMEOUT_MS, 1000 + v), "tick " + v);
            }
            histories.add(history);
        }
        List<Long> lagNanos = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService readers = Executors.newFixedThreadPool(8);
        List<CompletableFuture<?>> reads = new ArrayList<>();
        long interval = 1_000_000_000L / eventsPerSecond;
        long begin = System.nanoTime();
        long next = begin;
        for (int i = 0; i < eventsPerEndpoint; i++) {
            for (EndpointHistory history : histories) {
                StreamedEvent event = history.events().get(i);
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += interval;
                topic.send(List.of(event));
                long acknowledged = System.nanoTime();
                reads.add(CompletableFuture.runAsync(() -> {
                    Api.Response response = new Api(port).get("/v1/endpoints/" + event.endpointId() + "?minSequence="
                            + event.sequence()).as(Tokens.VIEWER).send();
                    lagNanos.add(System.nanoTime() - acknowledged);
                    if (response.status() != 200) {
                        failures.add(response.toString());
                    }
                }, readers));
            }
        }
        double achieved = reads.size() / ((System.nanoTime() - begin) / 1e9);
        CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
        readers.shutdown();

        assertThat(failures).isEmpty();
        List<Long> sorted = new ArrayList<>(lagNanos);
        Collections.sort(sorted);
        double p50 = sorted.get(sorted.size() / 2) / 1e6;
        double p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6;
        System.out.printf("steady stream of %.0f events/s (%d events, %d endpoints): read-your-writes lag p50 %.1f ms, "
                + "p99 %.1f ms%n", achieved, sorted.size(), endpoints, p50, p99);
        assertThat(p99).isLessThan(2_000);
    }

    private double gauge(String name) {
        return meters.get(name).gauge().value();
    }
}
