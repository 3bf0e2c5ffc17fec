package io.inferctl.simulator.store;

import java.util.List;

/**
 * One kind of object the simulated API server stores and serves, with what discovery says about it.
 *
 * @param group       API group, empty for the core group
 * @param version     served (and stored) version; each type is served in exactly one version
 * @param plural      resource name in URLs
 * @param singular    singular resource name
 * @param kind        object kind
 * @param namespaced  whether objects live in a namespace
 * @param shortNames  kubectl short names
 * @param categories  discovery categories, e.g. "all" for {@code kubectl get all}
 * @param hasStatus   whether {@code status} is a subresource that spec writes never touch
 * @param hasScale    whether the {@code scale} subresource is served
 */
public record ResourceType(
        String group,
        String version,
        String plural,
        String singular,
        String kind,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        boolean hasStatus,
        boolean hasScale) {

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The URL prefix of this type's group version: {@code /api/v1} or {@code /apis/apps/v1}. */
    public String groupVersionPath() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    /** How the API server names the type in messages: {@code deployments.apps}, {@code pods}. */
    public String qualifiedName() {
        return group.isEmpty() ? plural : plural + "." + group;
    }

    public String listKind() {
        return kind + "List";
    }
}
