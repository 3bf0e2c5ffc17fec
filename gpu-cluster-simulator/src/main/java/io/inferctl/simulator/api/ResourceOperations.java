package io.inferctl.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Defaults;
import io.inferctl.simulator.store.Deletion;
import io.inferctl.simulator.store.FieldSelector;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.LabelSelector;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.ResourceType;
import io.inferctl.simulator.store.ResourceTypes;
import io.inferctl.simulator.store.StoreEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API server's handling of each verb on stored objects: defaults and validation, the status and
 * scale subresources, optimistic concurrency on resourceVersion, the patch types, server-side apply
 * (create when missing, merge when present), and deletion with propagation.
 */
final class ResourceOperations {

    static final String JSON_PATCH = "application/json-patch+json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
    static final String APPLY_PATCH = "application/apply-patch+yaml";
    private static final String STATUS = "status";
    private static final String SCALE = "scale";
    private static final String GENERATED_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int GENERATED_SUFFIX_LENGTH = 5;

    private final ClusterStore store;
    private final Deletion deletion;
    private final SplittableRandom random = new SplittableRandom();
    /** Last configuration each field manager applied to each object, by object uid and manager. */
    private final Map<String, ObjectNode> appliedConfigurations = new ConcurrentHashMap<>();

    ResourceOperations(ClusterStore store) {
        this.store = store;
        this.deletion = new Deletion(store);
        store.subscribe(this::forgetDeleted);
    }

    ObjectNode get(ResourcePath path) {
        ObjectNode object = store.get(path.key()).orElseThrow(() -> ApiException.notFound(path.type(), path.name()));
        if (SCALE.equals(path.subresource())) {
            return scaleOf(path.type(), object);
        }
        return object;
    }

    ObjectNode list(ResourcePath path, LabelSelector labels, FieldSelector fields) {
        ClusterStore.Snapshot snapshot = store.snapshot(path.type(), path.namespace());
        ObjectNode list = Json.object();
        list.put("kind", path.type().listKind());
        list.put("apiVersion", path.type().apiVersion());
        list.putObject("metadata").put("resourceVersion", Long.toString(snapshot.resourceVersion()));
        ArrayNode items = list.putArray("items");
        snapshot.items().stream().filter(labels::matches).filter(fields::matches).forEach(items::add);
        return list;
    }

    ObjectNode create(ResourcePath path, ObjectNode body, boolean dryRun) {
        if (!path.isCollection()) {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource",
                    null);
        }
        ResourceType type = path.type();
        ObjectNode object = body.deepCopy();
        ObjectNode metadata = Json.metadata(object);
        String namespace = namespaceFor(path, metadata);
        String name = metadata.path("name").asText("");
        if (name.isEmpty() && metadata.hasNonNull("generateName")) {
            name = metadata.get("generateName").asText() + randomSuffix();
        }
        for (String serverField : List.of("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp",
                "deletionGracePeriodSeconds", "generation", "managedFields", "selfLink")) {
            metadata.remove(serverField);
        }
        if (type.hasStatus() && !type.equals(ResourceTypes.NODES)) {
            object.remove(STATUS);
        }
        io.inferctl.simulator.store.Validation.onCreate(type, name, object);
        requireNamespace(type, namespace, true);
        Defaults.onCreate(type, object, store);
        ObjectKey key = ObjectKey.of(type, namespace, name);
        if (dryRun) {
            if (store.get(key).isPresent()) {
                throw ApiException.alreadyExists(type, name);
            }
            return object;
        }
        return store.create(key, object);
    }

    /** PUT: replaces the object, or only its status, or only its scale. */
    ObjectNode replace(ResourcePath path, ObjectNode body, boolean dryRun) {
        ObjectKey key = path.key();
        ObjectNode current = store.get(key).orElseThrow(() -> ApiException.notFound(path.type(), path.name()));
        if (SCALE.equals(path.subresource())) {
            return setScale(path, current, body.path("spec").path("replicas").asInt(), dryRun);
        }
        checkResourceVersion(path, current, body);
        ObjectNode updated = merged(path, current, body);
        return write(key, current, updated, dryRun);
    }

    ObjectNode patch(ResourcePath path, String contentType, String body, String fieldManager, boolean dryRun) {
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        ObjectKey key = path.key();
        if (APPLY_PATCH.equals(mediaType)) {
            return apply(path, Json.parseYaml(body), fieldManager == null ? "unknown" : fieldManager, dryRun);
        }
        ObjectNode current = store.get(key).orElseThrow(() -> ApiException.notFound(path.type(), path.name()));
        JsonNode patch = parseJson(body);
        if (SCALE.equals(path.subresource())) {
            JsonNode patchedScale = patchDocument(mediaType, scaleOf(path.type(), current), patch);
            return setScale(path, current, patchedScale.path("spec").path("replicas").asInt(), dryRun);
        }
        JsonNode patched = patchDocument(mediaType, current, patch);
        if (!patched.isObject()) {
            throw ApiException.badRequest("the patch did not produce an object");
        }
        checkResourceVersion(path, current, (ObjectNode) patched);
        ObjectNode updated = merged(path, current, (ObjectNode) patched);
        return write(key, current, updated, dryRun);
    }

    private ObjectNode apply(ResourcePath path, ObjectNode applied, String manager, boolean dryRun) {
        ObjectKey key = path.key();
        ObjectNode metadata = Json.metadata(applied);
        if (!path.name().equals(metadata.path("name").asText(path.name()))) {
            throw ApiException.badRequest("the name of the object (" + metadata.path("name").asText()
                    + ") does not match the name on the URL (" + path.name() + ")");
        }
        for (String ignored : List.of("resourceVersion", "uid", "creationTimestamp", "managedFields", "generation")) {
            metadata.remove(ignored);
        }
        var current = store.get(key);
        if (current.isEmpty()) {
            if (path.subresource() != null) {
                throw ApiException.notFound(path.type(), path.name());
            }
            ObjectNode body = applied.deepCopy();
            Json.metadata(body).put("name", path.name());
            ResourcePath collection = new ResourcePath(path.type(), path.namespace(), null, null);
            ObjectNode created = create(collection, body, dryRun);
            if (!dryRun) {
                appliedConfigurations.put(appliedKey(created, manager, null), applied);
            }
            return created;
        }
        String subresource = path.subresource();
        String configKey = appliedKey(current.get(), manager, subresource);
        ObjectNode result = Patches.apply(current.get(), appliedConfigurations.get(configKey), applied);
        ObjectNode updated = merged(path, current.get(), result);
        ObjectNode written = write(key, current.get(), updated, dryRun);
        if (!dryRun) {
            appliedConfigurations.put(configKey, applied);
        }
        return written;
    }

    ObjectNode delete(ResourcePath path, Deletion.Propagation propagation, Long gracePeriodSeconds,
            JsonNode preconditions, boolean dryRun) {
        ObjectNode current = store.get(path.key()).orElseThrow(() -> ApiException.notFound(path.type(), path.name()));
        if (preconditions != null) {
            String uid = Json.text(preconditions, "uid");
            String version = Json.text(preconditions, "resourceVersion");
            if ((uid != null && !uid.equals(Meta.uid(current)))
                    || (version != null && !version.equals(Json.text(current, "metadata", "resourceVersion")))) {
                throw new ApiException(409, "Conflict", "Precondition failed for " + path.type().qualifiedName() + " \""
                        + path.name() + "\"", null);
            }
        }
        if (dryRun) {
            return current;
        }
        return deletion.delete(path.key(), propagation, gracePeriodSeconds);
    }

    ObjectNode deleteCollection(ResourcePath path, LabelSelector labels, FieldSelector fields,
            Deletion.Propagation propagation, Long gracePeriodSeconds, boolean dryRun) {
        ObjectNode list = list(path, labels, fields);
        ArrayNode deleted = Json.array();
        for (JsonNode item : list.path("items")) {
            ResourcePath itemPath = new ResourcePath(path.type(), Meta.namespace(item), Meta.name(item), null);
            try {
                deleted.add(delete(itemPath, propagation, gracePeriodSeconds, null, dryRun));
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        list.set("items", deleted);
        return list;
    }

    /** The whole new object for a write to {@code path}, honouring the status subresource. */
    private ObjectNode merged(ResourcePath path, ObjectNode current, ObjectNode requested) {
        ResourceType type = path.type();
        ObjectNode updated;
        if (STATUS.equals(path.subresource())) {
            updated = current.deepCopy();
            if (requested.has(STATUS)) {
                updated.set(STATUS, requested.get(STATUS));
            } else {
                updated.remove(STATUS);
            }
            return updated;
        }
        if (path.subresource() != null) {
            throw ApiException.notFound(type, path.name() + "/" + path.subresource());
        }
        updated = requested.deepCopy();
        ObjectNode metadata = Json.metadata(updated);
        if (!path.name().equals(metadata.path("name").asText(path.name()))) {
            throw ApiException.badRequest("the name of the object (" + metadata.path("name").asText()
                    + ") does not match the name on the URL (" + path.name() + ")");
        }
        for (String field : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
                "generation")) {
            if (current.path("metadata").has(field)) {
                metadata.set(field, current.path("metadata").get(field));
            } else {
                metadata.remove(field);
            }
        }
        metadata.remove("managedFields");
        if (type.hasStatus()) {
            if (current.has(STATUS)) {
                updated.set(STATUS, current.get(STATUS));
            } else {
                updated.remove(STATUS);
            }
        }
        Defaults.onUpdate(type, updated);
        io.inferctl.simulator.store.Validation.onUpdate(type, path.name(), current, updated);
        return updated;
    }

    private ObjectNode write(ObjectKey key, ObjectNode current, ObjectNode updated, boolean dryRun) {
        if (dryRun) {
            return updated;
        }
        return store.update(key, stored -> {
            String storedVersion = Json.text(stored, "metadata", "resourceVersion");
            if (!storedVersion.equals(Json.text(current, "metadata", "resourceVersion"))) {
                throw ApiException.conflict(key.type(), key.name());
            }
            return updated;
        });
    }

    private static void checkResourceVersion(ResourcePath path, ObjectNode current, ObjectNode requested) {
        String requestedVersion = Json.text(requested, "metadata", "resourceVersion");
        if (requestedVersion != null && !requestedVersion.isEmpty()
                && !requestedVersion.equals(Json.text(current, "metadata", "resourceVersion"))) {
            throw ApiException.conflict(path.type(), path.name());
        }
    }

    private ObjectNode setScale(ResourcePath path, ObjectNode current, int replicas, boolean dryRun) {
        if (!path.type().hasScale()) {
            throw ApiException.notFound(path.type(), path.name() + "/scale");
        }
        if (replicas < 0) {
            throw ApiException.invalid(path.type(), path.name(), "spec.replicas",
                    "Invalid value: " + replicas + ": must be greater than or equal to 0");
        }
        if (dryRun) {
            ObjectNode copy = current.deepCopy();
            copy.with("spec").put("replicas", replicas);
            return scaleOf(path.type(), copy);
        }
        ObjectNode updated = store.update(path.key(), object -> {
            object.with("spec").put("replicas", replicas);
            return object;
        });
        return scaleOf(path.type(), updated);
    }

    private static ObjectNode scaleOf(ResourceType type, ObjectNode object) {
        if (!type.hasScale()) {
            throw ApiException.notFound(type, Meta.name(object) + "/scale");
        }
        ObjectNode scale = Json.object();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (object.path("metadata").has(field)) {
                metadata.set(field, object.path("metadata").get(field));
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(0));
        ObjectNode status = scale.putObject(STATUS);
        status.put("replicas", object.path(STATUS).path("replicas").asInt(0));
        StringBuilder selector = new StringBuilder();
        Json.stringMap(object.path("spec").path("selector").path("matchLabels")).forEach((k, v) ->
                selector.append(selector.length() == 0 ? "" : ",").append(k).append('=').append(v));
        status.put("selector", selector.toString());
        return scale;
    }

    private static JsonNode patchDocument(String mediaType, JsonNode target, JsonNode patch) {
        return switch (mediaType) {
            case JSON_PATCH -> Patches.jsonPatch(target, patch);
            case MERGE_PATCH -> Patches.mergePatch(target, patch);
            case STRATEGIC_MERGE_PATCH -> Patches.strategicMergePatch(target, patch);
            default -> throw new ApiException(415, "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: " + JSON_PATCH + ", "
                            + MERGE_PATCH + ", " + APPLY_PATCH + ", " + STRATEGIC_MERGE_PATCH, null);
        };
    }

    private static JsonNode parseJson(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiException.badRequest("invalid JSON: " + e.getOriginalMessage());
        }
    }

    private String namespaceFor(ResourcePath path, ObjectNode metadata) {
        if (!path.type().namespaced()) {
            return "";
        }
        String fromBody = metadata.path("namespace").asText("");
        String fromPath = path.namespace() == null ? "" : path.namespace();
        if (!fromBody.isEmpty() && !fromPath.isEmpty() && !fromBody.equals(fromPath)) {
            throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the "
                    + "request");
        }
        String namespace = fromPath.isEmpty() ? fromBody : fromPath;
        if (namespace.isEmpty()) {
            throw ApiException.badRequest("a namespace is required for " + path.type().plural());
        }
        return namespace;
    }

    private void requireNamespace(ResourceType type, String namespace, boolean creating) {
        if (!type.namespaced()) {
            return;
        }
        ObjectNode ns = store.get(ObjectKey.of(ResourceTypes.NAMESPACES, "", namespace))
                .orElseThrow(() -> ApiException.notFound(ResourceTypes.NAMESPACES, namespace));
        if (creating && Meta.isBeingDeleted(ns)) {
            throw new ApiException(403, "Forbidden", type.plural() + " is forbidden: unable to create new content in "
                    + "namespace " + namespace + " because it is being terminated", null);
        }
    }

    private static String appliedKey(JsonNode object, String manager, String subresource) {
        return Meta.uid(object) + "\u0000" + manager + "\u0000" + (subresource == null ? "" : subresource);
    }

    private void forgetDeleted(StoreEvent event) {
        if (event.type() == StoreEvent.Type.DELETED) {
            String prefix = Meta.uid(event.object()) + "\u0000";
            appliedConfigurations.keySet().removeIf(k -> k.startsWith(prefix));
        }
    }

    private String randomSuffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < GENERATED_SUFFIX_LENGTH; i++) {
            suffix.append(GENERATED_NAME_ALPHABET.charAt(random.nextInt(GENERATED_NAME_ALPHABET.length())));
        }
        return suffix.toString();
    }
}
