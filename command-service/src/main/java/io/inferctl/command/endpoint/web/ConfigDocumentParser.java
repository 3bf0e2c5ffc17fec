package io.inferctl.command.endpoint.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.endpoint.EndpointPolicy;
import io.inferctl.command.endpoint.FieldViolation;
import io.inferctl.command.web.RequestRejectedException;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.config.EndpointConfig;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code config} document of a create request (a full configuration, with defaults for
 * what it leaves out) or of a change request (an RFC 7396 JSON merge patch). Shape errors (unknown
 * field, wrong JSON type) are malformed requests; missing or unremovable settings are invalid ones.
 * The value rules themselves belong to the aggregate's {@link EndpointPolicy}.
 */
@Component
public class ConfigDocumentParser {

    private static final String ROOT = "config";

    private final EndpointPolicy policy;

    ConfigDocumentParser(EndpointPolicy policy) {
        this.policy = policy;
    }

    public EndpointConfig parseFull(JsonNode document) {
        Map<ConfigField, Object> values = new EnumMap<>(ConfigField.class);
        values.putAll(policy.defaults());
        List<FieldViolation> rules = new ArrayList<>();
        read(document, values, rules, false);
        for (ConfigField field : ConfigField.values()) {
            if (field.required() && values.get(field) == null && !containsNullFor(rules, field)) {
                rules.add(new FieldViolation(path(field), "is required"));
            }
        }
        if (!rules.isEmpty()) {
            throw RequestRejectedException.invalid(rules);
        }
        return EndpointConfig.fromValues(values);
    }

    /** The settings a merge patch assigns; a {@code null} value unsets an optional setting. */
    Map<ConfigField, Object> parsePatch(JsonNode document) {
        Map<ConfigField, Object> assignments = new EnumMap<>(ConfigField.class);
        List<FieldViolation> rules = new ArrayList<>();
        read(document, assignments, rules, true);
        if (!rules.isEmpty()) {
            throw RequestRejectedException.invalid(rules);
        }
        return assignments;
    }

    private void read(JsonNode document, Map<ConfigField, Object> values, List<FieldViolation> rules, boolean patch) {
        if (document == null || document.isNull() || document.isMissingNode()) {
            throw RequestRejectedException.invalid(List.of(new FieldViolation(ROOT, "is required")));
        }
        if (!document.isObject()) {
            throw RequestRejectedException.malformed(ROOT, "must be a JSON object");
        }
        List<FieldViolation> shape = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> sections = document.fields(); sections.hasNext(); ) {
            Map.Entry<String, JsonNode> section = sections.next();
            String sectionPath = ROOT + "." + section.getKey();
            JsonNode node = section.getValue();
            if (!ConfigField.isSection(section.getKey())) {
                shape.add(new FieldViolation(sectionPath, "is not a known setting group"));
            } else if (node.isNull()) {
                readNullSection(section.getKey(), values, rules, patch);
            } else if (!node.isObject()) {
                shape.add(new FieldViolation(sectionPath, "must be a JSON object"));
            } else {
                readSection(section.getKey(), node, values, shape, rules, patch);
            }
        }
        if (!shape.isEmpty()) {
            throw RequestRejectedException.malformed(shape);
        }
    }

    private void readNullSection(String section, Map<ConfigField, Object> values, List<FieldViolation> rules,
                                 boolean patch) {
        List<ConfigField> fields = Arrays.stream(ConfigField.values()).filter(f -> f.section().equals(section)).toList();
        if (fields.stream().anyMatch(ConfigField::required)) {
            rules.add(new FieldViolation(ROOT + "." + section, patch
                    ? "cannot be removed: it holds required settings"
                    : "must not be null"));
            return;
        }
        fields.forEach(f -> values.put(f, null));
    }

    private void readSection(String section, JsonNode node, Map<ConfigField, Object> values,
                             List<FieldViolation> shape, List<FieldViolation> rules, boolean patch) {
        for (Iterator<Map.Entry<String, JsonNode>> settings = node.fields(); settings.hasNext(); ) {
            Map.Entry<String, JsonNode> setting = settings.next();
            String path = section + "." + setting.getKey();
            ConfigField field = ConfigField.byPath(path).orElse(null);
            JsonNode value = setting.getValue();
            if (field == null) {
                shape.add(new FieldViolation(ROOT + "." + path, "is not a known setting"));
            } else if (value.isNull()) {
                if (field.required()) {
                    rules.add(new FieldViolation(path(field), patch
                            ? "cannot be removed: it is required"
                            : "must not be null"));
                } else {
                    values.put(field, null);
                }
            } else {
                Object typed = typed(field, value);
                if (typed == null) {
                    shape.add(new FieldViolation(path(field), "must be " + describe(field.type())));
                } else {
                    values.put(field, typed);
                }
            }
        }
    }

    private static Object typed(ConfigField field, JsonNode value) {
        return switch (field.type()) {
            case STRING -> value.isTextual() ? value.textValue() : null;
            case INTEGER -> value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : null;
            case BOOLEAN -> value.isBoolean() ? value.booleanValue() : null;
        };
    }

    private static String describe(ConfigField.ValueType type) {
        return switch (type) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case BOOLEAN -> "true or false";
        };
    }

    private static boolean containsNullFor(List<FieldViolation> rules, ConfigField field) {
        return rules.stream().anyMatch(v -> v.field().equals(path(field)) || v.field().equals(ROOT + "." + field.section()));
    }

    private static String path(ConfigField field) {
        return ROOT + "." + field.path();
    }
}
