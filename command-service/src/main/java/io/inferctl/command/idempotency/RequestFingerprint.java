package io.inferctl.command.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.api.Sha256;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a request asked, as a hash: the same key sent with another request is refused. It covers the
 * method, path, If-Match and the body's JSON with its keys sorted, so a retry that only reorders or
 * reformats the body counts as the same request.
 */
@Component
public class RequestFingerprint {

    private final ObjectMapper objectMapper;

    RequestFingerprint(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** @param body the request body as read, or {@code null} without one */
    public IdempotentRequest of(String principal, String key, String method, String path, String ifMatch, Object body) {
        String canonical = method + "\n" + path + "\n"
                + (ifMatch == null ? "" : ifMatch.trim()) + "\n"
                + (body == null ? "" : canonical(objectMapper.valueToTree(body)));
        return new IdempotentRequest(principal, key, Sha256.hex(canonical));
    }

    private String canonical(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Map<String, String> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            StringBuilder out = new StringBuilder("{");
            sorted.forEach((k, v) -> out.append(objectMapper.getNodeFactory().textNode(k)).append(':').append(v).append(','));
            return out.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder out = new StringBuilder("[");
            node.forEach(element -> out.append(canonical(element)).append(','));
            return out.append(']').toString();
        }
        return node.toString();
    }
}
