package io.inferctl.cli.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** JSON merge patches of a configuration: from a desired document, or from {@code group.setting=value} words. */
public final class ConfigPatch {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z][A-Za-z0-9]*)\\.([A-Za-z][A-Za-z0-9]*)=(.*)", Pattern.DOTALL);
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");

    private ConfigPatch() {
    }

    /**
     * The settings of {@code desired} whose values differ from {@code current}, nested as a merge
     * patch. Settings the document leaves out are left as they are: a file names what it cares about.
     */
    public static ObjectNode differences(JsonNode desired, JsonNode current) {
        ObjectNode patch = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = desired.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode now = current == null ? null : current.get(field.getKey());
            JsonNode wanted = field.getValue();
            if (wanted.isObject() && now != null && now.isObject()) {
                ObjectNode inner = differences(wanted, now);
                if (!inner.isEmpty()) {
                    patch.set(field.getKey(), inner);
                }
            } else if (!same(wanted, now)) {
                patch.set(field.getKey(), wanted);
            }
        }
        return patch;
    }

    /** {@code accelerator.count=2 model.revision=null} as {@code {"accelerator":{"count":2},"model":{"revision":null}}}. */
    public static ObjectNode fromAssignments(List<String> assignments, CommandLine commandLine) {
        ObjectNode patch = NODES.objectNode();
        for (String assignment : assignments) {
            var matcher = ASSIGNMENT.matcher(assignment);
            if (!matcher.matches()) {
                throw new ParameterException(commandLine, "'" + assignment
                        + "' is not group.setting=value (e.g. accelerator.count=2, engine.maxBatchSize=128)");
            }
            JsonNode group = patch.get(matcher.group(1));
            ObjectNode settings = group instanceof ObjectNode existing ? existing : patch.putObject(matcher.group(1));
            settings.set(matcher.group(2), value(matcher.group(3)));
        }
        return patch;
    }

    /** Words typed on a command line as JSON: numbers, booleans and null as themselves, anything else as text. */
    static JsonNode value(String text) {
        if (INTEGER.matcher(text).matches()) {
            return NODES.numberNode(Long.parseLong(text));
        }
        return switch (text) {
            case "true" -> NODES.booleanNode(true);
            case "false" -> NODES.booleanNode(false);
            case "null" -> NODES.nullNode();
            default -> NODES.textNode(text);
        };
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (b == null || b.isMissingNode()) {
            return a.isNull();
        }
        if (a.isNumber() && b.isNumber()) {
            return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText())) == 0;
        }
        return a.equals(b);
    }
}
