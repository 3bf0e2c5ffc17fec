package io.inferctl.command.relay;

import io.inferctl.events.EndpointEvent;
import io.inferctl.stream.EndpointCloudEvents;
import io.inferctl.stream.StreamedEvent;
import io.cloudevents.CloudEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to Kafka, in store order, at least once. It runs on a tracking
 * processor whose token lives in PostgreSQL next to the events: a batch's records are sent
 * asynchronously and the token only advances, in the same transaction, once the broker has
 * acknowledged all of them. A crash or broker failure before that re-sends the batch (same ids).
 */
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
public class KafkaEventRelay {

    public static final String PROCESSING_GROUP = "kafka-relay";
    private static final String PENDING_SENDS = KafkaEventRelay.class.getName() + ".pendingSends";

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final EndpointCloudEvents cloudEvents;
    private final String topic;
    private final Duration sendTimeout;

    public KafkaEventRelay(KafkaTemplate<String, CloudEvent> kafka, EndpointCloudEvents cloudEvents, String topic,
                           Duration sendTimeout) {
        this.kafka = kafka;
        this.cloudEvents = cloudEvents;
        this.topic = topic;
        this.sendTimeout = sendTimeout;
    }

    @EventHandler
    void relay(Object payload, DomainEventMessage<?> event) {
        // Key = endpoint id: one partition per endpoint keeps its events in order for every consumer.
        pendingSends().add(kafka.send(topic, event.getAggregateIdentifier(), cloudEvents.encode(streamed(event))));
    }

    private static StreamedEvent streamed(DomainEventMessage<?> event) {
        return new StreamedEvent(event.getIdentifier(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                event.getTimestamp(), (EndpointEvent) event.getPayload());
    }

    private List<CompletableFuture<?>> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new RelayFailedException("Kafka refused a record; the batch will be sent again", e.getCause());
        } catch (TimeoutException e) {
            throw new RelayFailedException("Kafka did not acknowledge within " + sendTimeout + "; the batch will be sent again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailedException("interrupted while waiting for Kafka", e);
        }
    }

    /** The batch was not acknowledged; its transaction rolls back and the processor retries it. */
    static class RelayFailedException extends RuntimeException {
        RelayFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
