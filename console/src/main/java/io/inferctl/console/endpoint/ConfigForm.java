package io.inferctl.console.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a create or update form holds: each setting's text by its path, plus the endpoint's name,
 * the comment, the form's idempotency key and the version the page showed. Text stays text until
 * it is sent: a value the API refuses comes back with the API's reason, not the console's.
 */
public final class ConfigForm {

    public static final String NAME = "name";
    public static final String COMMENT = "comment";
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    public static final String EXPECTED_VERSION = "expectedVersion";

    private final Map<String, String> values;

    private ConfigForm(Map<String, String> values) {
        this.values = values;
    }

    /** A form as submitted: request parameters by name. */
    public static ConfigForm submitted(Map<String, String> parameters) {
        return new ConfigForm(new LinkedHashMap<>(parameters));
    }

    /** A form filled with a version's settings, as the update page opens. */
    public static ConfigForm filledWith(JsonNode config) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            Object value = setting.valueIn(config);
            values.put(setting.path(), value == null ? "" : String.valueOf(value));
        }
        return new ConfigForm(values);
    }

    public String get(String name) {
        String value = values.get(name);
        return value == null ? "" : value;
    }

    public ConfigForm with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new ConfigForm(copy);
    }

    /** Settings the person filled in; empty ones are left out, so the API applies its defaults. */
    public ObjectNode createBody(ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        body.put(NAME, get(NAME).strip());
        putComment(body);
        ObjectNode config = body.putObject("config");
        for (Setting setting : Setting.values()) {
            String text = get(setting.path());
            if (!text.isBlank()) {
                put(config, setting, typed(setting, text));
            }
        }
        return body;
    }

    /**
     * The settings this form changes against {@code current}: exactly what an update would send.
     * An empty required setting means "keep"; an empty revision means "unset".
     */
    public List<ConfigChange> changesFrom(JsonNode current) {
        List<ConfigChange> changes = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            String text = get(setting.path());
            if (text.isBlank() && setting.kind() != Setting.Kind.OPTIONAL_TEXT) {
                continue;
            }
            Object wanted = typed(setting, text);
            Object old = setting.valueIn(current);
            if (!Objects.equals(old, wanted)) {
                changes.add(new ConfigChange(setting, old, wanted));
            }
        }
        return changes;
    }

    /** The JSON merge patch of exactly {@code changes}, with the form's comment. */
    public ObjectNode mergePatch(List<ConfigChange> changes, ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        ObjectNode config = body.putObject("config");
        for (ConfigChange change : changes) {
            put(config, change.setting(), change.to());
        }
        putComment(body);
        return body;
    }

    private void putComment(ObjectNode body) {
        String comment = get(COMMENT).strip();
        if (!comment.isEmpty()) {
            body.put(COMMENT, comment);
        }
    }

    /** The JSON value the text stands for; text that is not of the setting's kind goes as text, for the API to name. */
    static Object typed(Setting setting, String text) {
        String value = text.strip();
        return switch (setting.kind()) {
            case TEXT -> value;
            case OPTIONAL_TEXT -> value.isEmpty() ? null : value;
            case INTEGER -> {
                try {
                    yield Long.parseLong(value);
                } catch (NumberFormatException notANumber) {
                    yield value;
                }
            }
            case BOOLEAN -> "true".equalsIgnoreCase(value) ? Boolean.TRUE
                    : "false".equalsIgnoreCase(value) ? Boolean.FALSE : value;
        };
    }

    private static void put(ObjectNode config, Setting setting, Object value) {
        ObjectNode section = config.has(setting.section()) ? (ObjectNode) config.get(setting.section())
                : config.putObject(setting.section());
        if (value == null) {
            section.putNull(setting.key());
        } else if (value instanceof Long number) {
            section.put(setting.key(), number);
        } else if (value instanceof Boolean flag) {
            section.put(setting.key(), flag);
        } else {
            section.put(setting.key(), value.toString());
        }
    }
}
