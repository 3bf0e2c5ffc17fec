package io.inferctl.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every event of the public contract with its revision and JSON Schema resource. Publishers name
 * the Kafka record type from here and tests check each schema against its record.
 */
public final class EventCatalog {

    /** Prefix of every CloudEvents {@code type}: {@code io.inferctl.endpoint.<EventName>.v<revision>}. */
    public static final String TYPE_PREFIX = "io.inferctl.endpoint.";

    private static final List<Class<? extends EndpointEvent>> EVENTS = List.of(
            EndpointVersionCreated.class,
            RolloutStarted.class,
            RolloutProgressed.class,
            RolloutSucceeded.class,
            RolloutFailed.class,
            RolloutCancellationRequested.class,
            RolloutCancelled.class,
            CanaryPromotionRequested.class,
            VersionStandbyStarted.class,
            VersionStandbyEnded.class,
            EndpointDeleted.class,
            WebhookIntegrationCreated.class,
            WebhookSecretRotated.class,
            WebhookIntegrationDisabled.class,
            WebhookIntegrationDeleted.class);

    /**
     * Earlier revisions that are still read: events stored and records published before a shape
     * changed. A reader brings them to the current shape (event-stream's {@code EventUpcasts}).
     */
    private static final Map<Class<? extends EndpointEvent>, List<String>> EARLIER_REVISIONS = Map.of(
            EndpointVersionCreated.class, List.of("1", "2"),
            RolloutProgressed.class, List.of("1"),
            WebhookIntegrationCreated.class, List.of("1"));

    /** An event class and the revision a record of it was written at. */
    public record Revision(Class<? extends EndpointEvent> type, String revision) {

        public boolean current() {
            return revision.equals(EventCatalog.revision(type));
        }
    }

    private EventCatalog() {
    }

    public static List<Class<? extends EndpointEvent>> events() {
        return EVENTS;
    }

    public static String revision(Class<?> eventType) {
        EventRevision revision = eventType.getAnnotation(EventRevision.class);
        if (revision == null) {
            throw new IllegalArgumentException(eventType.getName() + " is not a revisioned event");
        }
        return revision.value();
    }

    /** The CloudEvents {@code type} of an event class, e.g. {@code io.inferctl.endpoint.RolloutFailed.v1}. */
    public static String cloudEventType(Class<?> eventType) {
        return TYPE_PREFIX + eventType.getSimpleName() + ".v" + revision(eventType);
    }

    /** File name of the event's JSON Schema, e.g. {@code RolloutFailed.v1.schema.json}. */
    public static String schemaFileName(Class<?> eventType) {
        return eventType.getSimpleName() + ".v" + revision(eventType) + ".schema.json";
    }

    /** Classpath location of the event's JSON Schema inside this module's jar. */
    public static String schemaResource(Class<?> eventType) {
        return "schemas/events/" + schemaFileName(eventType);
    }

    /** The earlier revisions of an event that are still read, oldest first. */
    public static List<String> earlierRevisions(Class<? extends EndpointEvent> eventType) {
        return EARLIER_REVISIONS.getOrDefault(eventType, List.of());
    }

    /** Every schema file published: each event's current revision and the earlier ones still read. */
    public static List<String> schemaFileNames() {
        List<String> files = new ArrayList<>();
        for (Class<? extends EndpointEvent> event : EVENTS) {
            for (String earlier : earlierRevisions(event)) {
                files.add(event.getSimpleName() + ".v" + earlier + ".schema.json");
            }
            files.add(schemaFileName(event));
        }
        return files;
    }

    /**
     * The event class and revision a CloudEvents {@code type} names, at the current revision or an
     * earlier one still read.
     *
     * @throws IllegalArgumentException when the type is not one of ours, or of a revision no longer read
     */
    public static Revision readableRevision(String type) {
        for (Class<? extends EndpointEvent> event : EVENTS) {
            String prefix = TYPE_PREFIX + event.getSimpleName() + ".v";
            if (type.startsWith(prefix)) {
                String revision = type.substring(prefix.length());
                if (revision.equals(revision(event)) || earlierRevisions(event).contains(revision)) {
                    return new Revision(event, revision);
                }
            }
        }
        throw new IllegalArgumentException("unknown event type " + type);
    }

    /** The event class named by a CloudEvents {@code type}, if it is one of ours. */
    public static Class<? extends EndpointEvent> byCloudEventType(String type) {
        return EVENTS.stream()
                .filter(e -> cloudEventType(e).equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
    }
}
