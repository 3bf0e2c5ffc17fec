package io.inferctl.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.Json;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.Iterator;
import java.util.Map;

/**
 * The four ways a PATCH body changes an object: JSON patch (RFC 6902), JSON merge patch (RFC 7386),
 * strategic merge patch, and server-side apply.
 *
 * <p>Strategic merge and apply merge lists of objects by their merge key ({@code name} for containers,
 * env, volumes; {@code containerPort}/{@code port} for ports; {@code type} for conditions) and replace
 * other lists, which covers what kubectl and fabric8 send for the kinds served here. Apply also removes
 * what the same field manager applied last time and no longer applies, which is how server-side apply
 * lets a manager drop a field (for instance a Service selector key) without touching fields others own.
 */
final class Patches {

    private static final String DIRECTIVE_PREFIX = "$";
    private static final String PATCH_DIRECTIVE = "$patch";

    private Patches() {
    }

    static JsonNode jsonPatch(JsonNode target, JsonNode patch) {
        try {
            return JsonPatch.apply(patch, target);
        } catch (RuntimeException e) {
            throw new ApiException(422, "Invalid", "the JSON patch could not be applied: " + e.getMessage(), null);
        }
    }

    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }

    static JsonNode strategicMergePatch(JsonNode target, JsonNode patch) {
        return strategicMerge(target, patch, "");
    }

    private static JsonNode strategicMerge(JsonNode target, JsonNode patch, String field) {
        if (patch.isObject()) {
            ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                String key = entry.getKey();
                if (key.startsWith(DIRECTIVE_PREFIX)) {
                    continue;
                }
                if (entry.getValue().isNull()) {
                    result.remove(key);
                } else {
                    result.set(key, strategicMerge(result.get(key), entry.getValue(), key));
                }
            }
            return result;
        }
        if (patch.isArray() && target != null && target.isArray()) {
            String mergeKey = mergeKey(field, patch, target);
            if (mergeKey != null) {
                return mergeKeyedList((ArrayNode) target, (ArrayNode) patch, mergeKey, true);
            }
        }
        return stripDirectives(patch);
    }

    /**
     * Server-side apply of {@code applied} by a manager whose previous apply was {@code previous} (null
     * on its first apply).
     */
    static ObjectNode apply(ObjectNode current, ObjectNode previous, ObjectNode applied) {
        JsonNode pruned = previous == null ? current : prune(current, previous, applied, "");
        return (ObjectNode) applyMerge(pruned, applied, "");
    }

    private static JsonNode prune(JsonNode current, JsonNode previous, JsonNode applied, String field) {
        if (current == null || !current.isObject() || !previous.isObject()) {
            if (current != null && current.isArray() && previous.isArray() && applied != null && applied.isArray()) {
                String mergeKey = mergeKey(field, previous, current);
                if (mergeKey != null) {
                    ArrayNode result = Json.array();
                    for (JsonNode element : current) {
                        JsonNode before = find((ArrayNode) previous, mergeKey, element.get(mergeKey));
                        JsonNode now = find((ArrayNode) applied, mergeKey, element.get(mergeKey));
                        if (before != null && now == null) {
                            continue;
                        }
                        result.add(before != null ? prune(element, before, now, "") : element);
                    }
                    return result;
                }
            }
            return current;
        }
        ObjectNode result = ((ObjectNode) current).deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = previous.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode nowApplied = applied == null ? null : applied.get(key);
            if (nowApplied == null) {
                result.remove(key);
            } else if (result.has(key)) {
                result.set(key, prune(result.get(key), entry.getValue(), nowApplied, key));
            }
        }
        return result;
    }

    private static JsonNode applyMerge(JsonNode current, JsonNode applied, String field) {
        if (applied.isObject()) {
            ObjectNode result = current != null && current.isObject() ? ((ObjectNode) current).deepCopy() : Json.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = applied.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getValue().isNull()) {
                    result.remove(entry.getKey());
                } else {
                    result.set(entry.getKey(), applyMerge(result.get(entry.getKey()), entry.getValue(), entry.getKey()));
                }
            }
            return result;
        }
        if (applied.isArray() && current != null && current.isArray()) {
            String mergeKey = mergeKey(field, applied, current);
            if (mergeKey != null) {
                return mergeKeyedList((ArrayNode) current, (ArrayNode) applied, mergeKey, false);
            }
        }
        return applied.deepCopy();
    }

    private static ArrayNode mergeKeyedList(ArrayNode target, ArrayNode patch, String mergeKey, boolean strategic) {
        ArrayNode result = target.deepCopy();
        for (JsonNode element : patch) {
            JsonNode keyValue = element.get(mergeKey);
            int index = indexOf(result, mergeKey, keyValue);
            if (strategic && "delete".equals(element.path(PATCH_DIRECTIVE).asText())) {
                if (index >= 0) {
                    result.remove(index);
                }
            } else if (index >= 0) {
                JsonNode merged = strategic ? strategicMerge(result.get(index), element, "")
                        : applyMerge(result.get(index), element, "");
                result.set(index, merged);
            } else {
                result.add(stripDirectives(element));
            }
        }
        return result;
    }

    private static String mergeKey(String field, JsonNode a, JsonNode b) {
        String key = switch (field) {
            case "containers", "initContainers", "env", "volumes", "imagePullSecrets", "volumeDevices" -> "name";
            case "volumeMounts" -> "mountPath";
            case "conditions" -> "type";
            case "ports" -> firstElementHas(a, b, "containerPort") ? "containerPort" : "port";
            default -> null;
        };
        if (key == null) {
            return null;
        }
        for (JsonNode list : new JsonNode[] {a, b}) {
            for (JsonNode element : list) {
                if (!element.isObject() || !element.has(key)) {
                    return null;
                }
            }
        }
        return key;
    }

    private static boolean firstElementHas(JsonNode a, JsonNode b, String key) {
        JsonNode first = a.size() > 0 ? a.get(0) : b.path(0);
        return first != null && first.has(key);
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path(key).equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode find(ArrayNode list, String key, JsonNode value) {
        int index = indexOf(list, key, value);
        return index < 0 ? null : list.get(index);
    }

    private static JsonNode stripDirectives(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Json.object();
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith(DIRECTIVE_PREFIX)) {
                    copy.set(e.getKey(), stripDirectives(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.array();
            node.forEach(e -> copy.add(stripDirectives(e)));
            return copy;
        }
        return node;
    }
}
