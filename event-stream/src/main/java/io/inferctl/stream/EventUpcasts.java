package io.inferctl.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EndpointVersionCreated;
import io.inferctl.events.EventCatalog;
import io.inferctl.events.RolloutProgressed;
import io.inferctl.events.WebhookIntegrationCreated;
import io.inferctl.events.config.RolloutPolicy;

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
        if (!revision.equals(EventCatalog.revision(type)) && !EventCatalog.earlierRevisions(type).contains(revision)) {
            throw new IllegalArgumentException(type.getSimpleName() + " revision " + revision + " is no longer read");
        }
        if (type == EndpointVersionCreated.class) {
            if (revision.equals("1")) {
                Integer basedOn = EndpointVersionCreated.basedOnInRevision1(body.path("version").asInt());
                if (basedOn == null) {
                    body.putNull("basedOn");
                } else {
                    body.put("basedOn", basedOn);
                }
            }
            if (revision.equals("1") || revision.equals("2")) {
                addDefaultRolloutPolicy(body.get("config"));
            }
        }
        if (type == RolloutProgressed.class && revision.equals("1")) {
            body.putNull("canaryPercent");
        }
        if (type == WebhookIntegrationCreated.class && revision.equals("1")) {
            addDefaultRolloutPolicy(body.get("template"));
        }
        return body;
    }

    /** A snapshot written before the rollout section existed runs with the default policy. */
    private static void addDefaultRolloutPolicy(JsonNode config) {
        if (config instanceof ObjectNode snapshot && !snapshot.has("rollout")) {
            RolloutPolicy d = RolloutPolicy.DEFAULT;
            ObjectNode rollout = snapshot.putObject("rollout");
            rollout.put("strategy", d.strategy());
            rollout.put("canarySteps", d.canarySteps());
            rollout.put("bakeSeconds", d.bakeSeconds());
            rollout.put("warmStandbySeconds", d.warmStandbySeconds());
            rollout.put("standbyReplicas", d.standbyReplicas());
            rollout.put("maxErrorRatePercent", d.maxErrorRatePercent());
            rollout.put("maxP99LatencyMs", d.maxP99LatencyMs());
        }
    }
}
