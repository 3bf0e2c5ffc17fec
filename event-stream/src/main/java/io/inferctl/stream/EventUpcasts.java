package io.inferctl.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.EventCatalog;

/**
 * Brings the JSON of an event written at an earlier revision to its current shape, one revision
 * step at a time. Every reader of stored or published events (the command service's event store,
 * the Kafka consumers) goes through here, so an old record reads the same everywhere.
 */
public final class EventUpcasts {

    private EventUpcasts() {
    }

    /**
     * @param body the event's JSON as written, changed in place
     * @return the same node, now of the current revision
     * @throws IllegalArgumentException when the revision is not one {@link EventCatalog} still reads
     */
    public static ObjectNode toCurrent(Class<? extends EndpointEvent> type, String revision, ObjectNode body) {
        if (revision.equals(EventCatalog.revision(type))) {
            return body;
        }
        if (type == EndpointVersionCreated.class && revision.equals("1")) {
            Integer basedOn = EndpointVersionCreated.basedOnInRevision1(body.path("version").asInt());
            if (basedOn == null) {
                body.putNull("basedOn");
            } else {
                body.put("basedOn", basedOn);
            }
            return body;
        }
        throw new IllegalArgumentException(type.getSimpleName() + " revision " + revision + " is no longer read");
    }
}
