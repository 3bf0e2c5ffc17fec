package io.inferctl.command.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.inferctl.command.eventstore.EventJson;
import io.inferctl.events.EventCatalog;
import org.axonframework.eventhandling.DomainEventMessage;

import java.net.URI;
import java.time.ZoneOffset;

/**
 * A stored event as a CloudEvent (1.0). The id is the stored event's id, so a record published
 * twice carries the same {@code id} and consumers deduplicate on it.
 */
public class CloudEventMapper {

    /** Extension attribute: the event's position in its endpoint's history (0, 1, 2, ...). */
    public static final String SEQUENCE_EXTENSION = "endpointsequence";
    /** Extension attribute of the CloudEvents partitioning extension: the endpoint id. */
    public static final String PARTITION_KEY_EXTENSION = "partitionkey";

    private final ObjectMapper json = EventJson.newMapper();
    private final URI source;
    private final String schemaBaseUri;

    public CloudEventMapper(URI source, String schemaBaseUri) {
        this.source = source;
        this.schemaBaseUri = schemaBaseUri.endsWith("/") ? schemaBaseUri : schemaBaseUri + "/";
    }

    public CloudEvent toCloudEvent(DomainEventMessage<?> event) {
        Class<?> type = event.getPayloadType();
        return CloudEventBuilder.v1()
                .withId(event.getIdentifier())
                .withSource(source)
                .withType(EventCatalog.cloudEventType(type))
                .withSubject(event.getAggregateIdentifier())
                .withTime(event.getTimestamp().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(URI.create(schemaBaseUri + EventCatalog.schemaFileName(type)))
                .withExtension(SEQUENCE_EXTENSION, Math.toIntExact(event.getSequenceNumber()))
                .withExtension(PARTITION_KEY_EXTENSION, event.getAggregateIdentifier())
                .withData(body(event.getPayload()))
                .build();
    }

    private byte[] body(Object payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize " + payload.getClass().getName(), e);
        }
    }
}
