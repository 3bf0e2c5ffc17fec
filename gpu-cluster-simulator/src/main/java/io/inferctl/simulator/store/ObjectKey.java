package io.inferctl.simulator.store;

import java.util.Comparator;

/** Identifies one stored object; {@code namespace} is empty for cluster-scoped types. */
public record ObjectKey(ResourceType type, String namespace, String name) implements Comparable<ObjectKey> {

    private static final Comparator<ObjectKey> ORDER = Comparator
            .comparing((ObjectKey k) -> k.type().apiVersion())
            .thenComparing(k -> k.type().plural())
            .thenComparing(ObjectKey::namespace)
            .thenComparing(ObjectKey::name);

    public ObjectKey {
        namespace = type.namespaced() && namespace != null ? namespace : "";
    }

    public static ObjectKey of(ResourceType type, String namespace, String name) {
        return new ObjectKey(type, namespace, name);
    }

    @Override
    public int compareTo(ObjectKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return type.qualifiedName() + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
