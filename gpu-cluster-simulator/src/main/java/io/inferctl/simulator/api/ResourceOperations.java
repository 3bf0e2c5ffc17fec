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
import java.util.List;

/**
 * The API server's handling of each verb on stored objects: defaults and validation, the status and
 * scale subresources, optimistic concurrency on resourceVersion, the patch types, server-side apply
 * (create when missing, merge when present), and deletion with propagation. The scale subresource,
 * the patch formats, what each manager applied and where new objects go are classes of their own.
 */
final class ResourceOperations {

    private static final String STATUS = "status";

    private final ClusterStore store;
    private final Deletion deletion;
    private final NewObjects newObjects;
    private final ScaleSubresource scale;
    private final AppliedConfigurations appliedConfigurations;

    ResourceOperations(ClusterStore store) {
        this.store = store;
        this.deletion = new Deletion(store);
        this.newObjects = new NewObjects(store);
        this.scale = new ScaleSubresource(store);
        this.appliedConfigurations = new AppliedConfigurations(store);
    }

    ObjectNode get(ResourcePath path) {
        ObjectNode object = store.get(path.key()).orElseThrow(() -> ApiException.notFound(path.type(), path.name()));
        if (ScaleSubresource.SCALE.equals(path.subresource())) {
            return ScaleSubresource.of(path.type(), object);
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
        String namespace = newObjects.namespaceFor(path, metadata);
        String name = metadata.path("name").asText("");
        if (name.isEmpty() && metadata.hasNonNull("generateName")) {
            name = newObjects.generatedName(metadata.get("generateName").asText());
        }
        for (String serverField : List.of("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp",
                "deletionGracePeriodSeconds", "generation", "managedFields", "selfLink")) {
            metadata.remove(serverField);
        }
        if (type.hasStatus() && !type.equals(ResourceTypes.NODES)) {
            object.remove(STATUS);
        }
        io.inferctl.simulator.store.Validation.onCreate(type, name, object);
        newObjects.requireNamespace(type, namespace, true);
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
        if (ScaleSubresource.SCALE.equals(path.subresource())) {
            return scale.set(path, current, body.path("spec").path("replicas").asInt(), dryRun);
        }
        checkResourceVersion(path, current, body);
        ObjectNode updated = merged(path, current, body);
        return write(key, current, updated, dryRun);
    }

    ObjectNode patch(ResourcePath path, String contentType, String body, String fieldManager, boolean dryRun) {
        String mediaType = PatchTypes.mediaType(contentType);
        ObjectKey key = path.key();
        if (PatchTypes.APPLY_PATCH.equals(mediaType)) {
            return apply(path, Json.parseYaml(body), fieldManager == null ? "unknown" : fieldManager, dryRun);
        }
        ObjectNode current = store.get(key).orElseThrow(() -> ApiException.notFound(path.type(), path.name()));
        JsonNode patch = PatchTypes.parseJson(body);
        if (ScaleSubresource.SCALE.equals(path.subresource())) {
            JsonNode patchedScale = PatchTypes.patchDocument(mediaType, ScaleSubresource.of(path.type(), current), patch);
            return scale.set(path, current, patchedScale.path("spec").path("replicas").asInt(), dryRun);
        }
        JsonNode patched = PatchTypes.patchDocument(mediaType, current, patch);
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
                appliedConfigurations.remember(created, manager, null, applied);
            }
            return created;
        }
        String subresource = path.subresource();
        ObjectNode lastApplied = appliedConfigurations.last(current.get(), manager, subresource);
        ObjectNode result = Patches.apply(current.get(), lastApplied, applied);
        ObjectNode updated = merged(path, current.get(), result);
        ObjectNode written = write(key, current.get(), updated, dryRun);
        if (!dryRun) {
            appliedConfigurations.remember(current.get(), manager, subresource, applied);
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
}
