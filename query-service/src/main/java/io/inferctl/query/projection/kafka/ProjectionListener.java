package io.inferctl.query.projection.kafka;

import io.cloudevents.CloudEvent;
import io.inferctl.query.consistency.ProjectionPositions;
import io.inferctl.query.projection.Projector;
import io.inferctl.query.projection.ReadModelTables;
import io.inferctl.stream.EndpointCloudEvents;
import io.inferctl.stream.StreamedEvent;
import io.inferctl.stream.UnreadableEventException;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Applies each polled batch to the live read model in one transaction. The container commits the
 * batch's offsets only after this returns, so after a crash a batch is delivered again and the
 * projector recognises what it already applied. Unreadable records are dead-lettered inside the
 * same transaction and their partition keeps flowing.
 */
public class ProjectionListener implements BatchMessageListener<String, CloudEvent> {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(ProjectionListener.class);

    private final Projector projector;
    private final DeadLetters deadLetters;
    private final ProjectionPositions positions;
    private final Timer eventAge;
    private final Clock clock;

    /**
     * @param eventAge records, per event, the time from its publication (the record's timestamp) to
     *                 the commit that made it visible to queries: the projection's lag as readers feel it
     */
    public ProjectionListener(Projector projector, DeadLetters deadLetters, ProjectionPositions positions,
                              Timer eventAge, Clock clock) {
        this.projector = projector;
        this.deadLetters = deadLetters;
        this.positions = positions;
        this.eventAge = eventAge;
        this.clock = clock;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, CloudEvent>> records) {
        List<StreamedEvent> events = new ArrayList<>(records.size());
        Map<String, ConsumerRecord<String, CloudEvent>> recordsByEventId = new HashMap<>();
        List<Map.Entry<ConsumerRecord<String, CloudEvent>, String>> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            Decoded decoded = decode(record);
            if (decoded.event() != null) {
                events.add(decoded.event());
                recordsByEventId.putIfAbsent(decoded.event().eventId(), record);
            } else {
                unreadable.add(Map.entry(record, decoded.reason()));
            }
        }
        Projector.Outcome outcome = projector.apply(events, ReadModelTables.LIVE, result -> {
            unreadable.forEach(letter -> deadLetter(letter.getKey(), letter.getValue()));
            for (Projector.Refusal refusal : result.refused()) {
                ConsumerRecord<String, CloudEvent> record = recordsByEventId.get(refusal.event().eventId());
                if (record != null) {
                    deadLetter(record, refusal.reason());
                } else {
                    log.warn("Dead-lettering parked event {} of endpoint {}: {}", refusal.event().eventId(),
                            refusal.event().endpointId(), refusal.reason());
                    deadLetters.send(refusal.event(), refusal.reason());
                }
            }
        });
        positions.advanced();
        long committedAt = clock.millis();
        for (ConsumerRecord<String, CloudEvent> record : records) {
            eventAge.record(Math.max(0, committedAt - record.timestamp()), TimeUnit.MILLISECONDS);
        }
        if (log.isDebugEnabled()) {
            log.debug("Batch of {} records: {} applied, {} duplicates, {} parked, {} refused, {} unreadable",
                    records.size(), outcome.applied(), outcome.duplicates(), outcome.parked(), outcome.refused().size(),
                    unreadable.size());
        }
    }

    private void deadLetter(ConsumerRecord<String, CloudEvent> record, String reason) {
        log.warn("Dead-lettering the record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                reason);
        deadLetters.send(record, reason);
    }

    /** A record read as one of our events, or the reason it could not be. */
    public record Decoded(StreamedEvent event, String reason) {
    }

    public static Decoded decode(ConsumerRecord<String, CloudEvent> record) {
        if (record.value() == null) {
            DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
            String cause = failure == null ? "the record has no value"
                    : "not a CloudEvent: " + (failure.getCause() != null ? failure.getCause().getMessage()
                    : failure.getMessage());
            return new Decoded(null, cause);
        }
        try {
            return new Decoded(EndpointCloudEvents.decode(record.value()), null);
        } catch (UnreadableEventException e) {
            return new Decoded(null, e.getMessage());
        }
    }
}
