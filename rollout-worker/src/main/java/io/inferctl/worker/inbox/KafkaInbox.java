package io.inferctl.worker.inbox;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.inferctl.stream.EndpointCloudEvents;
import io.inferctl.stream.StreamedEvent;
import io.inferctl.stream.UnreadableEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

import java.util.Map;

/**
 * Feeds the inbox from {@code endpoint-events}. The offset is committed after the event is stored
 * (ack mode RECORD), so a crash in between redelivers it and the inbox skips it.
 *
 * <p>Records arrive as bytes and are read as CloudEvents here, so that a record that is not one of
 * our events fails in the listener with {@link UnreadableEventException} whatever is wrong with it,
 * and the error handler sends it, unchanged, to the dead-letter topic instead of blocking its partition.
 */
public class KafkaInbox {

    private static final Logger log = LoggerFactory.getLogger(KafkaInbox.class);

    private final EventInbox inbox;
    private final CloudEventDeserializer cloudEvents = new CloudEventDeserializer();

    public KafkaInbox(EventInbox inbox) {
        this.inbox = inbox;
        cloudEvents.configure(Map.of(), false);
    }

    @KafkaListener(id = "rollout-worker-inbox", topics = "${inferctl.inbox.topic:endpoint-events}",
            groupId = "${inferctl.inbox.group-id:rollout-worker}")
    public void receive(ConsumerRecord<String, byte[]> record) {
        StreamedEvent event = EndpointCloudEvents.decode(cloudEvent(record));
        if (inbox.accept(event)) {
            log.debug("Inbox took {} #{} of {}", event.type(), event.sequence(), event.endpointId());
        }
    }

    private CloudEvent cloudEvent(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new UnreadableEventException("the record has no value");
        }
        try {
            return cloudEvents.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            throw new UnreadableEventException("not a CloudEvent: " + e.getMessage(), e);
        }
    }
}
