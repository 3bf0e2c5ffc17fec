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
 * same transaction and their partition keeps flowing. A batch the database refuses is retried a
 * bounded number of times; then the events it refuses are dead-lettered, so one event can never
 * stop the projection of every endpoint.
 */
public class ProjectionListener implements BatchMessageListener<String, CloudEvent> {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(ProjectionListener.class);

    private final Projector projector;
    private final DeadLetters deadLetters;
    private final ProjectionPositions positions;
    private final Timer eventAge;
    private final Clock clock;
    private final BatchFailures failures;
    private final int maxAttempts;

    /**
     * @param eventAge records, per event, the time from its publication (the record's timestamp) to
     *                 the commit that made it visible to queries: the projection's lag as readers feel it
     * @param maxAttempts how often the database must refuse a batch before its refused events are found and dead-lettered
     */
    public ProjectionListener(Projector projector, DeadLetters deadLetters, ProjectionPositions positions,
                              Timer eventAge, Clock clock, BatchFailures failures, int maxAttempts) {
        this.projector = projector;
        this.deadLetters = deadLetters;
        this.positions = positions;
        this.eventAge = eventAge;
        this.clock = clock;
        this.failures = failures;
        this.maxAttempts = maxAttempts;
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
        Projector.Outcome outcome;
        try {
            outcome = apply(events, recordsByEventId, unreadable, Map.of());
        } catch (RuntimeException failure) {
            outcome = applyWithoutRefused(records, events, recordsByEventId, unreadable, failure);
        }
        failures.succeeded();
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

    /**
     * After the database refused a batch {@code maxAttempts} times in a row: finds the events it
     * refuses and applies the batch without them, which dead-letters them and moves their endpoints
     * past them. Before that, and for failures that are no refusal (database or broker unreachable),
     * rethrows, and the container retries the batch after {@code retryInterval}.
     */
    private Projector.Outcome applyWithoutRefused(List<ConsumerRecord<String, CloudEvent>> records,
                                                  List<StreamedEvent> events,
                                                  Map<String, ConsumerRecord<String, CloudEvent>> recordsByEventId,
                                                  List<Map.Entry<ConsumerRecord<String, CloudEvent>, String>> unreadable,
                                                  RuntimeException failure) {
        String batch = describe(records);
        int attempt = failures.failed(batch, failure);
        if (!RefusedEvents.isRefusal(failure)) {
            // Logged whole once: the same failure repeats every retry interval until the infrastructure is back.
            log.error("Could not apply the batch {} (attempt {}); retrying, nothing is skipped: {}", batch, attempt,
                    RefusedEvents.cause(failure), attempt == 1 ? failure : null);
            throw failure;
        }
        if (attempt < maxAttempts) {
            log.warn("The database refused the batch {} (attempt {} of {}): {}", batch, attempt, maxAttempts,
                    RefusedEvents.reason(failure), attempt == 1 ? failure : null);
            throw failure;
        }
        Map<String, String> refuse = RefusedEvents.find(projector, events, ReadModelTables.LIVE, failure);
        for (StreamedEvent event : events) {
            String reason = refuse.get(event.eventId());
            if (reason != null) {
                log.warn("Refusing event {} ({}) of endpoint {} at sequence {} after {} failed attempts of its batch {}: {}",
                        event.eventId(), event.type(), event.endpointId(), event.sequence(), attempt, batch, reason);
            }
        }
        return apply(events, recordsByEventId, unreadable, refuse);
    }

    /** Applies the events in one transaction, which commits only once every dead letter is acknowledged. */
    private Projector.Outcome apply(List<StreamedEvent> events,
                                    Map<String, ConsumerRecord<String, CloudEvent>> recordsByEventId,
                                    List<Map.Entry<ConsumerRecord<String, CloudEvent>, String>> unreadable,
                                    Map<String, String> refuse) {
        return projector.apply(events, ReadModelTables.LIVE, refuse, result -> {
            unreadable.forEach(letter -> deadLetter(letter.getKey(), letter.getValue()));
            for (Projector.Refusal refusal : result.refused()) {
                StreamedEvent event = refusal.event();
                ConsumerRecord<String, CloudEvent> record = recordsByEventId.get(event.eventId());
                log.warn("Dead-lettering event {} ({}) of endpoint {} at sequence {}{}: {}", event.eventId(),
                        event.type(), event.endpointId(), event.sequence(),
                        record == null ? ", parked earlier" : " from " + coordinates(record), refusal.reason());
                if (record != null) {
                    deadLetters.send(record, refusal.reason());
                } else {
                    deadLetters.send(event, refusal.reason());
                }
            }
        });
    }

    private static String describe(List<ConsumerRecord<String, CloudEvent>> records) {
        ConsumerRecord<String, CloudEvent> first = records.get(0);
        return "of " + records.size() + " records from " + coordinates(first);
    }

    private static String coordinates(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private void deadLetter(ConsumerRecord<String, CloudEvent> record, String reason) {
        log.warn("Dead-lettering the unreadable record at {}: {}", coordinates(record), reason);
        deadLetters.send(record, reason);
    }

    /**
     * A record read as one of our events, with characters the read model cannot store replaced
     * ({@link StorableText}), or the reason it could not be read. The live projection and the
     * rebuild both read records only through here, so they store the same text.
     */
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
            return new Decoded(EndpointCloudEvents.decode(StorableText.of(record.value())), null);
        } catch (UnreadableEventException e) {
            return new Decoded(null, e.getMessage());
        }
    }
}
