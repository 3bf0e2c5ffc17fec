package io.inferctl.simulator.api;

import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.ResourceType;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.Optional;

/**
 * A parsed resource URL: {@code /api/v1/namespaces/{ns}/pods/{name}/status},
 * {@code /apis/apps/v1/deployments}, {@code /api/v1/nodes/{name}}.
 *
 * @param namespace   null when the request spans all namespaces (or the type is cluster-scoped)
 * @param name        null for collection requests
 * @param subresource null, "status" or "scale"
 */
record ResourcePath(ResourceType type, String namespace, String name, String subresource) {

    static Optional<ResourcePath> parse(String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        int i;
        String group;
        String version;
        if (parts.length >= 2 && parts[0].equals("api")) {
            group = "";
            version = parts[1];
            i = 2;
        } else if (parts.length >= 3 && parts[0].equals("apis")) {
            group = parts[1];
            version = parts[2];
            i = 3;
        } else {
            return Optional.empty();
        }
        int remaining = parts.length - i;
        if (remaining <= 0) {
            return Optional.empty();
        }
        String namespace = null;
        if (parts[i].equals("namespaces") && remaining >= 3) {
            namespace = parts[i + 1];
            i += 2;
            remaining -= 2;
        }
        if (parts[i].equals("namespaces") && namespace == null) {
            // the namespaces resource itself: /api/v1/namespaces[/{name}[/status]]
            String nsName = remaining > 1 ? parts[i + 1] : null;
            String nsSubresource = remaining > 2 ? parts[i + 2] : null;
            return ResourceTypes.byGroupVersionPlural(group, version, "namespaces")
                    .map(t -> new ResourcePath(t, null, nsName, nsSubresource));
        }
        String plural = parts[i];
        String name = remaining > 1 ? parts[i + 1] : null;
        String subresource = remaining > 2 ? parts[i + 2] : null;
        if (remaining > 3) {
            return Optional.empty();
        }
        String ns = namespace;
        return ResourceTypes.byGroupVersionPlural(group, version, plural)
                .map(t -> new ResourcePath(t, t.namespaced() ? ns : null, name, subresource));
    }

    ObjectKey key() {
        return ObjectKey.of(type, namespace, name);
    }

    boolean isCollection() {
        return name == null;
    }
}
