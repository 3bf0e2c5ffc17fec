package io.inferctl.simulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.ResourceType;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy discovery documents ({@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/{g}/{v}})
 * and {@code /version}. kubectl asks for aggregated discovery first and falls back to these when the
 * answer is plain JSON.
 */
final class Discovery {

    static final String KUBERNETES_VERSION = "v1.32.0-sim";
    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");
    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    private Discovery() {
    }

    static Optional<ObjectNode> document(String path, String serverAddress) {
        String normalized = path.replaceAll("/+$", "");
        if (normalized.equals("/api")) {
            return Optional.of(apiVersions(serverAddress));
        }
        if (normalized.equals("/apis")) {
            return Optional.of(groupList());
        }
        if (normalized.equals("/version")) {
            return Optional.of(version());
        }
        for (ResourceType type : ResourceTypes.all()) {
            if (normalized.equals(type.groupVersionPath())) {
                return Optional.of(resourceList(type.group(), type.version()));
            }
        }
        for (Map.Entry<String, String> group : ResourceTypes.groups().entrySet()) {
            if (normalized.equals("/apis/" + group.getKey())) {
                return Optional.of(group(group.getKey(), group.getValue()));
            }
        }
        return Optional.empty();
    }

    private static ObjectNode apiVersions(String serverAddress) {
        ObjectNode versions = Json.object();
        versions.put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        ObjectNode address = versions.putArray("serverAddressByClientCIDRs").addObject();
        address.put("clientCIDR", "0.0.0.0/0");
        address.put("serverAddress", serverAddress);
        return versions;
    }

    private static ObjectNode groupList() {
        ObjectNode list = Json.object();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        ResourceTypes.groups().forEach((name, version) -> {
            ObjectNode group = group(name, version);
            group.remove("kind");
            group.remove("apiVersion");
            groups.add(group);
        });
        return list;
    }

    private static ObjectNode group(String name, String version) {
        ObjectNode group = Json.object();
        group.put("kind", "APIGroup");
        group.put("apiVersion", "v1");
        group.put("name", name);
        ObjectNode groupVersion = Json.object();
        groupVersion.put("groupVersion", name + "/" + version);
        groupVersion.put("version", version);
        group.putArray("versions").add(groupVersion);
        group.set("preferredVersion", groupVersion.deepCopy());
        return group;
    }

    private static ObjectNode resourceList(String group, String version) {
        ObjectNode list = Json.object();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : ResourceTypes.all()) {
            if (!type.group().equals(group) || !type.version().equals(version)) {
                continue;
            }
            ObjectNode resource = resources.addObject();
            resource.put("name", type.plural());
            resource.put("singularName", type.singular());
            resource.put("namespaced", type.namespaced());
            resource.put("kind", type.kind());
            VERBS.forEach(resource.withArray("verbs")::add);
            if (!type.shortNames().isEmpty()) {
                type.shortNames().forEach(resource.withArray("shortNames")::add);
            }
            if (!type.categories().isEmpty()) {
                type.categories().forEach(resource.withArray("categories")::add);
            }
            if (type.hasStatus()) {
                subresource(resources, type, "status", type.kind(), null);
            }
            if (type.hasScale()) {
                subresource(resources, type, "scale", "Scale", "autoscaling");
            }
            if (type.equals(ResourceTypes.PODS)) {
                subresource(resources, type, "proxy", "PodProxyOptions", null);
            }
        }
        return list;
    }

    private static void subresource(ArrayNode resources, ResourceType type, String name, String kind, String group) {
        ObjectNode resource = resources.addObject();
        resource.put("name", type.plural() + "/" + name);
        resource.put("singularName", "");
        resource.put("namespaced", type.namespaced());
        if (group != null) {
            resource.put("group", group);
            resource.put("version", "v1");
        }
        resource.put("kind", kind);
        SUBRESOURCE_VERBS.forEach(resource.withArray("verbs")::add);
    }

    private static ObjectNode version() {
        ObjectNode version = Json.object();
        version.put("major", "1");
        version.put("minor", "32");
        version.put("gitVersion", KUBERNETES_VERSION);
        version.put("gitCommit", "0000000000000000000000000000000000000000");
        version.put("gitTreeState", "clean");
        version.put("buildDate", "2025-01-01T00:00:00Z");
        version.put("goVersion", "go1.23");
        version.put("compiler", "gc");
        version.put("platform", "linux/amd64");
        return version;
    }
}
