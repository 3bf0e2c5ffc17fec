package io.inferctl.worker.inbox;

import io.cloudevents.CloudEvent;
import io.inferctl.stream.EndpointCloudEvents;
import io.inferctl.stream.StreamedEvent;
import io.inferctl.stream.UnreadableEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Feeds the inbox from {@code endpoint-events}. The offset is committed after the event is stored
 * (ack mode RECORD), so a crash in between redelivers it and the inbox skips it.
 */
public class KafkaInbox {

    private static final Logger log = LoggerFactory.getLogger(KafkaInbox.class);

    private final EventInbox inbox;

    public KafkaInbox(EventInbox inbox) {
        this.inbox = inbox;
    }

    @KafkaListener(id = "rollout-worker-inbox", topics = "${inferctl.inbox.topic:endpoint-events}",
            groupId = "${inferctl.inbox.group-id:rollout-worker}")
    public void receive(ConsumerRecord<String, CloudEvent> record) {
        StreamedEvent event;
        try {
            event = EndpointCloudEvents.decode(record.value());
        } catch (UnreadableEventException e) {
            // Not one of our events (or a newer revision this worker cannot read): no rollout can come of it.
            log.error("Skipping unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        if (inbox.accept(event)) {
            log.debug("Inbox took {} #{} of {}", event.type(), event.sequence(), event.endpointId());
        }
    }
}
