package io.inferctl.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.ResourceType;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.SplittableRandom;

/**
 * Where a created object goes: its namespace (the path's or the body's, which must agree, exist and
 * not be terminating) and, for {@code generateName}, its name.
 */
final class NewObjects {

    private static final String GENERATED_NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int GENERATED_SUFFIX_LENGTH = 5;

    private final ClusterStore store;
    private final SplittableRandom random = new SplittableRandom();

    NewObjects(ClusterStore store) {
        this.store = store;
    }

    String namespaceFor(ResourcePath path, ObjectNode metadata) {
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

    void requireNamespace(ResourceType type, String namespace, boolean creating) {
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

    /** The name {@code generateName} asks for: the prefix and a random suffix, as the API server makes it. */
    String generatedName(String prefix) {
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < GENERATED_SUFFIX_LENGTH; i++) {
            name.append(GENERATED_NAME_ALPHABET.charAt(random.nextInt(GENERATED_NAME_ALPHABET.length())));
        }
        return name.toString();
    }
}
