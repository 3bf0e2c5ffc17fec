package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** Status conditions: read one, or set one keeping its transition time while its status stays the same. */
public final class Conditions {

    private Conditions() {
    }

    public static Optional<JsonNode> find(JsonNode status, String type) {
        for (JsonNode condition : status.path("conditions")) {
            if (type.equals(condition.path("type").asText())) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }

    public static boolean isTrue(JsonNode status, String type) {
        return find(status, type).map(c -> "True".equals(c.path("status").asText())).orElse(false);
    }

    /**
     * Sets a condition. When type, status, reason and message are all unchanged nothing is written, so
     * a controller that reconciles again writes nothing; {@code lastTransitionTime} only moves when the
     * status changes.
     *
     * @param timeFields names of the time fields this kind of condition has, the first being the
     *                   transition time (pods: lastTransitionTime, lastProbeTime)
     */
    public static void set(ObjectNode status, String type, String value, String reason, String message, String now,
            String... timeFields) {
        ArrayNode conditions = status.withArray("conditions");
        ObjectNode existing = null;
        int index = -1;
        for (int i = 0; i < conditions.size(); i++) {
            if (type.equals(conditions.get(i).path("type").asText())) {
                existing = (ObjectNode) conditions.get(i);
                index = i;
            }
        }
        if (existing != null && value.equals(existing.path("status").asText())
                && java.util.Objects.equals(reason, Json.text(existing, "reason"))
                && java.util.Objects.equals(message, Json.text(existing, "message"))) {
            return;
        }
        ObjectNode condition = Json.object();
        condition.put("type", type);
        condition.put("status", value);
        String[] times = timeFields.length == 0 ? new String[] {"lastTransitionTime"} : timeFields;
        for (String field : times) {
            condition.putNull(field);
        }
        boolean statusUnchanged = existing != null && value.equals(existing.path("status").asText());
        for (String field : times) {
            boolean transition = field.equals("lastTransitionTime");
            if (transition && statusUnchanged && existing.hasNonNull(field)) {
                condition.set(field, existing.get(field));
            } else if (field.equals("lastProbeTime")) {
                condition.putNull(field);
            } else {
                condition.put(field, now);
            }
        }
        if (reason != null) {
            condition.put("reason", reason);
        }
        if (message != null) {
            condition.put("message", message);
        }
        if (index >= 0) {
            conditions.set(index, condition);
        } else {
            conditions.add(condition);
        }
    }

    public static void remove(ObjectNode status, String type) {
        ArrayNode conditions = status.withArray("conditions");
        for (int i = conditions.size() - 1; i >= 0; i--) {
            if (type.equals(conditions.get(i).path("type").asText())) {
                conditions.remove(i);
            }
        }
    }
}
