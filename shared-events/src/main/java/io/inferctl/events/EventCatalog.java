package io.inferctl.events;

import java.util.List;

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
            EndpointDeleted.class,
            WebhookIntegrationCreated.class,
            WebhookSecretRotated.class,
            WebhookIntegrationDisabled.class,
            WebhookIntegrationDeleted.class);

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

    /** The event class named by a CloudEvents {@code type}, if it is one of ours. */
    public static Class<? extends EndpointEvent> byCloudEventType(String type) {
        return EVENTS.stream()
                .filter(e -> cloudEventType(e).equals(type))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
    }
}
