package io.inferctl.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EventCatalog;
import io.inferctl.stream.EventUpcasts;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Reads an event stored at an earlier revision of the contract in its current shape, so the
 * aggregate, the relay and everything downstream see one shape. The rule for each step lives in
 * {@link EventUpcasts}, which the Kafka readers use too; nothing stored is ever rewritten.
 */
@Component
public class EarlierRevisionUpcaster extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return earlierEvent(representation).isPresent();
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        Class<? extends EndpointEvent> type = earlierEvent(representation).orElseThrow();
        String revision = representation.getType().getRevision();
        return representation.upcastPayload(
                new SimpleSerializedType(type.getName(), EventCatalog.revision(type)), JsonNode.class,
                body -> EventUpcasts.toCurrent(type, revision, (ObjectNode) body));
    }

    private static Optional<Class<? extends EndpointEvent>> earlierEvent(IntermediateEventRepresentation representation) {
        String name = representation.getType().getName();
        String revision = representation.getType().getRevision();
        return EventCatalog.events().stream()
                .filter(event -> event.getName().equals(name))
                .filter(event -> EventCatalog.earlierRevisions(event).contains(revision))
                .findFirst()
                .map(event -> event);
    }
}
