package io.inferctl.simulator.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in types the simulator serves. Anything else answers 404, as an API server without that API would. */
public final class ResourceTypes {

    private static final List<String> ALL = List.of("all");
    private static final List<String> NONE = List.of();

    public static final ResourceType NAMESPACES =
            new ResourceType("", "v1", "namespaces", "namespace", "Namespace", false, List.of("ns"), NONE, true, false);
    public static final ResourceType NODES =
            new ResourceType("", "v1", "nodes", "node", "Node", false, List.of("no"), NONE, true, false);
    public static final ResourceType PODS =
            new ResourceType("", "v1", "pods", "pod", "Pod", true, List.of("po"), ALL, true, false);
    public static final ResourceType SERVICES =
            new ResourceType("", "v1", "services", "service", "Service", true, List.of("svc"), ALL, true, false);
    public static final ResourceType ENDPOINTS =
            new ResourceType("", "v1", "endpoints", "endpoints", "Endpoints", true, List.of("ep"), NONE, false, false);
    public static final ResourceType EVENTS =
            new ResourceType("", "v1", "events", "event", "Event", true, List.of("ev"), NONE, false, false);
    public static final ResourceType CONFIG_MAPS =
            new ResourceType("", "v1", "configmaps", "configmap", "ConfigMap", true, List.of("cm"), NONE, false, false);
    public static final ResourceType SECRETS =
            new ResourceType("", "v1", "secrets", "secret", "Secret", true, NONE, NONE, false, false);
    public static final ResourceType SERVICE_ACCOUNTS =
            new ResourceType("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), NONE, false, false);
    public static final ResourceType DEPLOYMENTS =
            new ResourceType("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), ALL, true, true);
    public static final ResourceType REPLICA_SETS =
            new ResourceType("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), ALL, true, true);
    public static final ResourceType HORIZONTAL_POD_AUTOSCALERS =
            new ResourceType("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler",
                    "HorizontalPodAutoscaler", true, List.of("hpa"), ALL, true, false);
    public static final ResourceType ENDPOINT_SLICES =
            new ResourceType("discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice", true, NONE, NONE,
                    false, false);
    public static final ResourceType LEASES =
            new ResourceType("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, NONE, NONE, false, false);

    /** The Gateway API's route, as its CRD installs it: namespaced, status a subresource, no short name. */
    public static final ResourceType HTTP_ROUTES =
            new ResourceType("gateway.networking.k8s.io", "v1", "httproutes", "httproute", "HTTPRoute", true, NONE,
                    NONE, true, false);

    private static final List<ResourceType> TYPES = List.of(
            NAMESPACES, NODES, PODS, SERVICES, ENDPOINTS, EVENTS, CONFIG_MAPS, SECRETS, SERVICE_ACCOUNTS,
            DEPLOYMENTS, REPLICA_SETS, HORIZONTAL_POD_AUTOSCALERS, ENDPOINT_SLICES, LEASES, HTTP_ROUTES);

    private ResourceTypes() {
    }

    public static List<ResourceType> all() {
        return TYPES;
    }

    public static Optional<ResourceType> byGroupVersionPlural(String group, String version, String plural) {
        return TYPES.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
                .findFirst();
    }

    public static Optional<ResourceType> byApiVersionKind(String apiVersion, String kind) {
        return TYPES.stream().filter(t -> t.apiVersion().equals(apiVersion) && t.kind().equals(kind)).findFirst();
    }

    /** Group name to served version, in discovery order. */
    public static Map<String, String> groups() {
        Map<String, String> groups = new LinkedHashMap<>();
        TYPES.stream().filter(t -> !t.group().isEmpty()).forEach(t -> groups.putIfAbsent(t.group(), t.version()));
        return groups;
    }
}
