package io.inferctl.query.projection.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.inferctl.events.EventCatalog;
import io.inferctl.stream.EndpointCloudEvents;
import io.inferctl.stream.EventJson;
import io.inferctl.stream.StreamedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends records that cannot be applied to the dead-letter topic: the original key, value bytes and
 * headers (so the record can be inspected or replayed as it was), plus why and where it came from.
 * Sending waits for the broker, so a batch is only committed once its dead letters are safe.
 */
public class DeadLetters {

    public static final String REASON = "inferctl-dlt-reason";
    public static final String ORIGINAL_TOPIC = "inferctl-dlt-original-topic";
    public static final String ORIGINAL_PARTITION = "inferctl-dlt-original-partition";
    public static final String ORIGINAL_OFFSET = "inferctl-dlt-original-offset";

    private static final LogAccessor LOG = new LogAccessor(DeadLetters.class);

    private static final ObjectMapper JSON = EventJson.newMapper();

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final String originalTopic;
    private final Duration sendTimeout;

    /**
     * @param topic         the dead-letter topic
     * @param originalTopic the topic the projection reads, named on letters that no longer have their record
     */
    public DeadLetters(KafkaTemplate<String, byte[]> kafka, String topic, String originalTopic, Duration sendTimeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.originalTopic = originalTopic;
        this.sendTimeout = sendTimeout;
    }

    /**
     * A refused event that was parked in an earlier batch: its record is long committed, so the dead
     * letter carries the event as the projection held it (its JSON body and CloudEvents attributes).
     */
    public void send(StreamedEvent event, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", utf8("1.0"));
        headers.add("ce_id", utf8(event.eventId()));
        headers.add("ce_type", utf8(EventCatalog.cloudEventType(event.event().getClass())));
        headers.add("ce_subject", utf8(event.endpointId()));
        headers.add("ce_time", utf8(event.time().toString()));
        headers.add("ce_" + EndpointCloudEvents.SEQUENCE_EXTENSION, utf8(String.valueOf(event.sequence())));
        headers.add(REASON, utf8(reason));
        headers.add(ORIGINAL_TOPIC, utf8(originalTopic));
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(event.event());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + event.type(), e);
        }
        deliver(new ProducerRecord<>(topic, null, event.endpointId(), body, headers));
    }

    public void send(ConsumerRecord<String, CloudEvent> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(SerializationUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX)) {
                headers.add(header);
            }
        }
        headers.add(REASON, utf8(reason));
        headers.add(ORIGINAL_TOPIC, utf8(record.topic()));
        headers.add(ORIGINAL_PARTITION, utf8(String.valueOf(record.partition())));
        headers.add(ORIGINAL_OFFSET, utf8(String.valueOf(record.offset())));
        deliver(new ProducerRecord<>(topic, null, record.key(), originalValue(record), headers));
    }

    private void deliver(ProducerRecord<String, byte[]> letter) {
        try {
            kafka.send(letter).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DeadLetterFailedException("the broker refused a dead letter; the batch will be retried", e.getCause());
        } catch (TimeoutException e) {
            throw new DeadLetterFailedException("no acknowledgement for a dead letter within " + sendTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterFailedException("interrupted while sending a dead letter", e);
        }
    }

    /**
     * The value bytes as they were on the topic. In binary mode a CloudEvent's value is its data and
     * its attributes are the {@code ce_} headers, which are copied as they are.
     */
    private static byte[] originalValue(ConsumerRecord<String, CloudEvent> record) {
        if (record.value() != null) {
            return record.value().getData() == null ? null : record.value().getData().toBytes();
        }
        DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        return failure == null ? null : failure.getData();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static class DeadLetterFailedException extends RuntimeException {
        DeadLetterFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
