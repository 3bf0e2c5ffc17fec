package io.inferctl.query.projection.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.inferctl.events.text.FreeText;
import io.inferctl.stream.EventJson;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Makes the text of an event storable before the read model sees it: every character that no field
 * of the command API accepts any more becomes U+FFFD ({@link FreeText}), in every string of the event's body (keys too)
 * and in its subject. PostgreSQL's {@code text} refuses NUL and its {@code jsonb} the {@code \u0000}
 * escape, so one such event would stop the projection for good; the topic keeps events forever, so
 * they are repaired where they are read rather than refused. The id, type, time and sequence are
 * never changed: deduplication and ordering depend on them.
 */
public final class StorableText {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private StorableText() {
    }

    /** The event itself when its text is storable (the usual case, found without parsing), else a repaired copy. */
    public static CloudEvent of(CloudEvent event) {
        String subject = event.getSubject();
        boolean subjectToRepair = subject != null && !FreeText.isAcceptable(subject);
        CloudEventData data = event.getData();
        byte[] body = data == null ? null : data.toBytes();
        byte[] repairedBody = body != null && mayHoldUnstorable(body) ? repairJson(body) : body;
        if (!subjectToRepair && repairedBody == body) {
            return event;
        }
        CloudEventBuilder copy = CloudEventBuilder.v1(event);
        if (subjectToRepair) {
            copy.withSubject(FreeText.repair(subject));
        }
        if (repairedBody != body) {
            copy.withData(event.getDataContentType(), repairedBody);
        }
        return copy.build();
    }

    /**
     * Whether the JSON bytes may hold a refused character, checked without parsing them: a JSON
     * string can only carry one as an escape ({@code \}u, {@code \b}, {@code \f}), as DEL, or as the
     * UTF-8 of a C1 control (C2 80-9F) or of a surrogate (ED A0-BF). False alarms only cost a parse.
     */
    static boolean mayHoldUnstorable(byte[] json) {
        for (int i = 0; i < json.length; i++) {
            int b = json[i] & 0xFF;
            int next = i + 1 < json.length ? json[i + 1] & 0xFF : -1;
            if (b == '\\' && (next == 'u' || next == 'b' || next == 'f')
                    || b == 0x7F
                    || b == 0xC2 && next >= 0x80 && next <= 0x9F
                    || b == 0xED && next >= 0xA0 && next <= 0xBF) {
                return true;
            }
        }
        return false;
    }

    /** The body with its strings repaired, or the same array when nothing needed it or it is no JSON (decoding then says why). */
    private static byte[] repairJson(byte[] json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException e) {
            return json;
        }
        JsonNode repaired = repaired(tree);
        if (repaired == null) {
            return json;
        }
        try {
            return JSON.writeValueAsBytes(repaired);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a repaired event body", e);
        }
    }

    /** A copy of the node with its strings and keys repaired, or {@code null} when it holds nothing to repair. */
    private static JsonNode repaired(JsonNode node) {
        if (node.isTextual()) {
            return FreeText.isAcceptable(node.textValue()) ? null : TextNode.valueOf(FreeText.repair(node.textValue()));
        }
        if (node instanceof ObjectNode object) {
            boolean changed = false;
            ObjectNode copy = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = repaired(field.getValue());
                String name = FreeText.repair(field.getKey());
                changed |= value != null || !name.equals(field.getKey());
                copy.set(name, value == null ? field.getValue() : value);
            }
            return changed ? copy : null;
        }
        if (node instanceof ArrayNode array) {
            boolean changed = false;
            ArrayNode copy = JSON.createArrayNode();
            for (JsonNode element : array) {
                JsonNode value = repaired(element);
                changed |= value != null;
                copy.add(value == null ? element : value);
            }
            return changed ? copy : null;
        }
        return null;
    }
}
