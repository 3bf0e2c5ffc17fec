package io.inferctl.worker.inbox;

import io.inferctl.stream.StreamedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Puts events from the topic on the worker's own event store, each once. An event keeps its id,
 * its endpoint (as aggregate id) and its endpoint sequence, so a redelivered record collides with
 * the store's unique constraints and is recognised as already there.
 */
public class EventInbox {

    /** The aggregate type the command side gives endpoint events. */
    static final String AGGREGATE_TYPE = "Endpoint";

    private final EventStore eventStore;
    private final JdbcClient jdbc;

    public EventInbox(EventStore eventStore, JdbcClient jdbc) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    /** @return whether the event was new */
    public boolean accept(StreamedEvent event) {
        if (stored(event.eventId())) {
            return false;
        }
        try {
            eventStore.publish(new GenericDomainEventMessage<>(AGGREGATE_TYPE, event.endpointId(), event.sequence(),
                    event.event(), MetaData.emptyInstance(), event.eventId(), event.time()));
            return true;
        } catch (RuntimeException e) {
            // Two deliveries of one record raced (a rebalance): the loser finds the winner's row.
            if (stored(event.eventId())) {
                return false;
            }
            throw e;
        }
    }

    private boolean stored(String eventId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE event_identifier = ?")
                .param(eventId).query(Long.class).single() > 0;
    }
}
