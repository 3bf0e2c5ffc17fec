package io.inferctl.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EventCatalog;

import java.io.IOException;
import java.net.URI;
import java.time.ZoneOffset;

/**
 * Endpoint events as CloudEvents 1.0, both ways. The id is the stored event's id, so a record
 * published twice carries the same {@code id}; the subject and partition key are the event's stream
 * (the endpoint id, or a webhook integration's id for its own events); {@value #SEQUENCE_EXTENSION}
 * is the event's position in that stream.
 */
public final class EndpointCloudEvents {

    /**
     * Extension attribute: the event's position in its endpoint's history (0, 1, 2, ...). Our own
     * rather than the spec's {@code sequence} extension, which is a lexicographically ordered string.
     */
    public static final String SEQUENCE_EXTENSION = "endpointsequence";
    /** Extension attribute of the CloudEvents partitioning extension: the endpoint id. */
    public static final String PARTITION_KEY_EXTENSION = "partitionkey";

    private static final ObjectMapper JSON = EventJson.newMapper();

    private final URI source;
    private final String schemaBaseUri;

    /**
     * @param source        the CloudEvents {@code source} of every event written
     * @param schemaBaseUri where the JSON Schemas are served; each event's {@code dataschema} is this plus its file name
     */
    public EndpointCloudEvents(URI source, String schemaBaseUri) {
        this.source = source;
        this.schemaBaseUri = schemaBaseUri.endsWith("/") ? schemaBaseUri : schemaBaseUri + "/";
    }

    public CloudEvent encode(StreamedEvent streamed) {
        Class<?> type = streamed.event().getClass();
        return CloudEventBuilder.v1()
                .withId(streamed.eventId())
                .withSource(source)
                .withType(EventCatalog.cloudEventType(type))
                .withSubject(streamed.endpointId())
                .withTime(streamed.time().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(URI.create(schemaBaseUri + EventCatalog.schemaFileName(type)))
                .withExtension(SEQUENCE_EXTENSION, Math.toIntExact(streamed.sequence()))
                .withExtension(PARTITION_KEY_EXTENSION, streamed.endpointId())
                .withData(body(streamed.event()))
                .build();
    }

    /**
     * Reads one of our events back. Extension values arrive as strings from Kafka's binary mode
     * (headers carry no types) and as numbers from an in-memory event; both are accepted.
     *
     * @throws UnreadableEventException when the record is not one of our events or its body does not read
     */
    public static StreamedEvent decode(CloudEvent cloudEvent) {
        EventCatalog.Revision written;
        try {
            written = EventCatalog.readableRevision(cloudEvent.getType());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("unknown event type '" + cloudEvent.getType() + "'");
        }
        String endpointId = cloudEvent.getSubject();
        if (endpointId == null || endpointId.isBlank()) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " has no subject (endpoint id)");
        }
        if (cloudEvent.getTime() == null) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " has no time");
        }
        long sequence = sequence(cloudEvent);
        CloudEventData data = cloudEvent.getData();
        if (data == null) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " has no data");
        }
        Class<? extends EndpointEvent> type = written.type();
        EndpointEvent event;
        try {
            event = written.current() ? JSON.readValue(data.toBytes(), type)
                    : JSON.treeToValue(EventUpcasts.toCurrent(type, written.revision(),
                    (ObjectNode) JSON.readTree(data.toBytes())), type);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " of type " + type.getSimpleName()
                    + " has a body that does not read: " + e.getMessage(), e);
        }
        if (event == null) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " has a null body");
        }
        if (!endpointId.equals(event.streamId())) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " has subject " + endpointId
                    + " but its body names " + (event.streamId().equals(event.endpointId()) ? "endpoint " : "stream ")
                    + event.streamId());
        }
        return new StreamedEvent(cloudEvent.getId(), endpointId, sequence, cloudEvent.getTime().toInstant(), event);
    }

    private static long sequence(CloudEvent cloudEvent) {
        Object value = cloudEvent.getExtension(SEQUENCE_EXTENSION);
        if (value == null) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " has no " + SEQUENCE_EXTENSION);
        }
        try {
            long sequence = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
            if (sequence < 0) {
                throw new NumberFormatException("negative");
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw new UnreadableEventException("event " + cloudEvent.getId() + " has " + SEQUENCE_EXTENSION
                    + " '" + value + "', not a sequence number");
        }
    }

    private static byte[] body(EndpointEvent event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialize " + event.getClass().getName(), e);
        }
    }
}
