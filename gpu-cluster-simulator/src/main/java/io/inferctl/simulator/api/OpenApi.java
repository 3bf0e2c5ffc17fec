package io.inferctl.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.ResourceType;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Just enough OpenAPI v3 for {@code kubectl apply}: it reads the PATCH operation of each kind to learn
 * that the server validates fields itself ({@code fieldValidation}), and skips client-side schema
 * validation then. No schemas are published, so {@code kubectl explain} has nothing to show.
 */
final class OpenApi {

    private static final String ROOT = "/openapi/v3";
    private static final String HASH = "sim";

    private OpenApi() {
    }

    static Optional<ObjectNode> document(String path) {
        String normalized = path.replaceAll("/+$", "");
        if (normalized.equals(ROOT)) {
            return Optional.of(root());
        }
        for (String groupVersion : groupVersionPaths()) {
            if (normalized.equals(ROOT + "/" + groupVersion)) {
                return Optional.of(groupVersionDocument(groupVersion));
            }
        }
        return Optional.empty();
    }

    private static Set<String> groupVersionPaths() {
        Set<String> paths = new LinkedHashSet<>();
        ResourceTypes.all().forEach(t -> paths.add(t.groupVersionPath().substring(1)));
        return paths;
    }

    private static ObjectNode root() {
        ObjectNode root = Json.object();
        ObjectNode paths = root.putObject("paths");
        for (String groupVersion : groupVersionPaths()) {
            paths.putObject(groupVersion).put("serverRelativeURL", ROOT + "/" + groupVersion + "?hash=" + HASH);
        }
        return root;
    }

    private static ObjectNode groupVersionDocument(String groupVersion) {
        ObjectNode document = Json.object();
        document.put("openapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", Discovery.KUBERNETES_VERSION);
        ObjectNode paths = document.putObject("paths");
        for (ResourceType type : ResourceTypes.all()) {
            if (!type.groupVersionPath().substring(1).equals(groupVersion)) {
                continue;
            }
            String itemPath = type.groupVersionPath() + (type.namespaced() ? "/namespaces/{namespace}/" : "/")
                    + type.plural() + "/{name}";
            ObjectNode patch = paths.putObject(itemPath).putObject("patch");
            ObjectNode gvk = patch.putObject("x-kubernetes-group-version-kind");
            gvk.put("group", type.group());
            gvk.put("version", type.version());
            gvk.put("kind", type.kind());
            for (String parameter : new String[] {"dryRun", "fieldManager", "fieldValidation", "force"}) {
                ObjectNode param = patch.withArray("parameters").addObject();
                param.put("name", parameter);
                param.put("in", "query");
                param.putObject("schema").put("type", "string");
            }
        }
        document.putObject("components").putObject("schemas");
        return document;
    }
}
