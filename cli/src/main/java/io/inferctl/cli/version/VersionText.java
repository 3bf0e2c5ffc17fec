package io.inferctl.cli.version;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;

/** How a version's parts read on one line. */
public final class VersionText {

    private VersionText() {
    }

    /** {@code ROLLING_OUT (DOWNLOADING_MODEL)}, {@code FAILED (INSUFFICIENT_GPU)}, or the status alone. */
    public static String status(JsonNode version) {
        String status = version.path("status").asText();
        String phase = version.path("phase").asText("");
        String failure = version.path("failure").path("code").asText("");
        String detail = !failure.isEmpty() ? failure : phase;
        return detail.isEmpty() ? status : status + " (" + detail + ")";
    }

    public static String origin(JsonNode version) {
        String origin = version.path("origin").asText();
        return version.path("rollbackOf").isNumber() ? origin + " of v" + version.path("rollbackOf").asInt() : origin;
    }

    /** Every leaf of a configuration as {@code group.setting} and its value, in the document's order. */
    static void leaves(String prefix, JsonNode node, BiConsumer<String, JsonNode> each) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                leaves(name, field.getValue(), each);
            } else {
                each.accept(name, field.getValue());
            }
        }
    }

    static String value(JsonNode value) {
        return value == null || value.isNull() ? "(none)" : value.isTextual() ? value.asText() : value.toString();
    }
}
