package io.inferctl.command.relay;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far the relay is behind the event store, as a health indicator ({@code /actuator/health})
 * and the gauge {@code inferctl.relay.lag.events}.
 */
public class RelayStatus implements HealthIndicator {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    public RelayStatus(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    /** Events stored but not yet acknowledged by Kafka; empty while the relay has no position yet. */
    public OptionalLong lagEvents() {
        Optional<StreamingEventProcessor> relay = relay();
        if (relay.isEmpty()) {
            return OptionalLong.empty();
        }
        OptionalLong head = position(eventStore.createHeadToken());
        OptionalLong relayed = relay.get().processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
        if (head.isEmpty()) {
            return OptionalLong.of(0);
        }
        if (relayed.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, head.getAsLong() - relayed.getAsLong()));
    }

    @Override
    public Health health() {
        Optional<StreamingEventProcessor> relay = relay();
        if (relay.isEmpty()) {
            return Health.unknown().withDetail("processor", KafkaEventRelay.PROCESSING_GROUP + " not configured").build();
        }
        StreamingEventProcessor processor = relay.get();
        Health.Builder health = processor.isRunning() && !processor.isError() ? Health.up() : Health.down();
        processor.processingStatus().values().stream()
                .filter(EventTrackerStatus::isErrorState)
                .findFirst()
                .ifPresent(status -> health.withDetail("error", String.valueOf(status.getError())));
        lagEvents().ifPresent(lag -> health.withDetail("lagEvents", lag));
        return health.withDetail("running", processor.isRunning()).build();
    }

    private Optional<StreamingEventProcessor> relay() {
        return processing.eventProcessor(KafkaEventRelay.PROCESSING_GROUP, StreamingEventProcessor.class);
    }

    private static OptionalLong position(TrackingToken token) {
        return token == null ? OptionalLong.empty() : token.position();
    }
}
