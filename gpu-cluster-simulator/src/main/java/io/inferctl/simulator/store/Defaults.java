package io.inferctl.simulator.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * The defaults the API server fills in, so that objects read back look like a real cluster's and
 * controllers can rely on the fields being there (a Deployment's strategy, a Service's cluster IP).
 */
public final class Defaults {

    static final String GPU_RESOURCE = "nvidia.com/gpu";
    private static final String SERVICE_CIDR_PREFIX = "10.96.";
    private static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;
    private static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
    private static final String DEFAULT_SURGE_AND_UNAVAILABLE = "25%";
    private static final int DEFAULT_TERMINATION_GRACE_SECONDS = 30;

    private Defaults() {
    }

    /** Applies create-time defaults in place. */
    public static void onCreate(ResourceType type, ObjectNode object, ClusterStore store) {
        if (type.equals(ResourceTypes.PODS)) {
            podSpec(object.with("spec"));
            ObjectNode status = object.with("status");
            if (!status.has("phase")) {
                status.put("phase", "Pending");
            }
            status.put("qosClass", qosClass(object.path("spec")));
        } else if (type.equals(ResourceTypes.DEPLOYMENTS)) {
            deployment(object);
            object.remove("status");
        } else if (type.equals(ResourceTypes.REPLICA_SETS)) {
            ObjectNode spec = object.with("spec");
            putIfAbsent(spec, "replicas", 1);
            podSpec(spec.with("template").with("spec"));
            object.remove("status");
        } else if (type.equals(ResourceTypes.SERVICES)) {
            service(object, store);
        } else if (type.equals(ResourceTypes.HORIZONTAL_POD_AUTOSCALERS)) {
            putIfAbsent(object.with("spec"), "minReplicas", 1);
            object.remove("status");
        } else if (type.equals(ResourceTypes.NAMESPACES)) {
            Json.metadata(object).with("labels").put("kubernetes.io/metadata.name", Json.text(object, "metadata", "name"));
            object.with("spec").withArray("finalizers").removeAll().add("kubernetes");
            object.with("status").put("phase", "Active");
        } else if (type.equals(ResourceTypes.HTTP_ROUTES)) {
            HttpRoutes.applyDefaults(object);
        } else if (type.equals(ResourceTypes.SECRETS)) {
            if (!object.has("type")) {
                object.put("type", "Opaque");
            }
        }
    }

    /** Update-time defaults: the same spec defaults, so an apply that omits them changes nothing. */
    public static void onUpdate(ResourceType type, ObjectNode object) {
        if (type.equals(ResourceTypes.PODS)) {
            podSpec(object.with("spec"));
        } else if (type.equals(ResourceTypes.DEPLOYMENTS)) {
            deployment(object);
        } else if (type.equals(ResourceTypes.REPLICA_SETS)) {
            putIfAbsent(object.with("spec"), "replicas", 1);
            podSpec(object.with("spec").with("template").with("spec"));
        } else if (type.equals(ResourceTypes.HORIZONTAL_POD_AUTOSCALERS)) {
            putIfAbsent(object.with("spec"), "minReplicas", 1);
        } else if (type.equals(ResourceTypes.SERVICES)) {
            servicePorts(object.with("spec"));
        } else if (type.equals(ResourceTypes.HTTP_ROUTES)) {
            HttpRoutes.applyDefaults(object);
        }
    }

    private static void deployment(ObjectNode deployment) {
        ObjectNode spec = deployment.with("spec");
        putIfAbsent(spec, "replicas", 1);
        putIfAbsent(spec, "revisionHistoryLimit", DEFAULT_REVISION_HISTORY_LIMIT);
        putIfAbsent(spec, "progressDeadlineSeconds", DEFAULT_PROGRESS_DEADLINE_SECONDS);
        ObjectNode strategy = spec.with("strategy");
        putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
            ObjectNode rolling = strategy.with("rollingUpdate");
            putIfAbsent(rolling, "maxSurge", DEFAULT_SURGE_AND_UNAVAILABLE);
            putIfAbsent(rolling, "maxUnavailable", DEFAULT_SURGE_AND_UNAVAILABLE);
        }
        podSpec(spec.with("template").with("spec"));
    }

    /** Pod spec defaults, also applied to the templates of Deployments and ReplicaSets. */
    public static void podSpec(ObjectNode spec) {
        putIfAbsent(spec, "restartPolicy", "Always");
        putIfAbsent(spec, "dnsPolicy", "ClusterFirst");
        putIfAbsent(spec, "schedulerName", "default-scheduler");
        putIfAbsent(spec, "terminationGracePeriodSeconds", DEFAULT_TERMINATION_GRACE_SECONDS);
        putIfAbsent(spec, "serviceAccountName", "default");
        if (!spec.has("securityContext")) {
            spec.putObject("securityContext");
        }
        for (JsonNode container : spec.path("containers")) {
            if (container instanceof ObjectNode c) {
                putIfAbsent(c, "terminationMessagePath", "/dev/termination-log");
                putIfAbsent(c, "terminationMessagePolicy", "File");
                String image = c.path("image").asText("");
                boolean latest = !image.substring(image.lastIndexOf('/') + 1).contains(":") || image.endsWith(":latest");
                putIfAbsent(c, "imagePullPolicy", latest ? "Always" : "IfNotPresent");
                if (!c.has("resources")) {
                    c.putObject("resources");
                }
                normaliseQuantities(c.path("resources").path("limits"));
                normaliseQuantities(c.path("resources").path("requests"));
                // As the API server does: requests default to limits, which is how a GPU limit alone requests GPUs.
                JsonNode limits = c.path("resources").path("limits");
                if (limits.isObject() && !limits.isEmpty()) {
                    ObjectNode requests = ((ObjectNode) c.get("resources")).with("requests");
                    limits.fields().forEachRemaining(e -> {
                        if (!requests.has(e.getKey())) {
                            requests.set(e.getKey(), e.getValue());
                        }
                    });
                }
                for (JsonNode port : c.path("ports")) {
                    if (port instanceof ObjectNode p) {
                        putIfAbsent(p, "protocol", "TCP");
                    }
                }
            }
        }
    }

    /** Quantities are strings in the API ({@code "4"}, not {@code 4}), whatever the client sent. */
    private static void normaliseQuantities(JsonNode quantities) {
        if (quantities instanceof ObjectNode q) {
            q.fields().forEachRemaining(e -> {
                if (e.getValue().isNumber()) {
                    e.setValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getValue().asText()));
                }
            });
        }
    }

    private static String qosClass(JsonNode spec) {
        boolean anyResources = false;
        boolean guaranteed = true;
        for (JsonNode container : spec.path("containers")) {
            JsonNode limits = container.path("resources").path("limits");
            JsonNode requests = container.path("resources").path("requests");
            anyResources |= !limits.isEmpty() || !requests.isEmpty();
            guaranteed &= limits.has("cpu") && limits.has("memory") && requests.equals(limits);
        }
        if (!anyResources) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static void service(ObjectNode service, ClusterStore store) {
        ObjectNode spec = service.with("spec");
        putIfAbsent(spec, "type", "ClusterIP");
        putIfAbsent(spec, "sessionAffinity", "None");
        putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
        putIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
        if (!spec.has("ipFamilies")) {
            spec.putArray("ipFamilies").add("IPv4");
        }
        if (!spec.has("clusterIP")) {
            spec.put("clusterIP", nextClusterIp(store));
        }
        if (!spec.has("clusterIPs")) {
            spec.putArray("clusterIPs").add(spec.get("clusterIP").asText());
        }
        servicePorts(spec);
        service.with("status").with("loadBalancer");
    }

    private static void servicePorts(ObjectNode spec) {
        for (JsonNode port : spec.path("ports")) {
            if (port instanceof ObjectNode p) {
                putIfAbsent(p, "protocol", "TCP");
                if (!p.has("targetPort") && p.has("port")) {
                    p.set("targetPort", p.get("port"));
                }
            }
        }
    }

    private static String nextClusterIp(ClusterStore store) {
        Set<String> used = new HashSet<>();
        store.list(ResourceTypes.SERVICES, null).forEach(s -> used.add(s.path("spec").path("clusterIP").asText()));
        for (int third = 0; third < 256; third++) {
            for (int fourth = 1; fourth < 255; fourth++) {
                String ip = SERVICE_CIDR_PREFIX + third + "." + fourth;
                if (!used.contains(ip)) {
                    return ip;
                }
            }
        }
        throw new ApiException(500, "InternalError", "the service IP range is exhausted", null);
    }

    private static void putIfAbsent(ObjectNode node, String field, Object value) {
        if (!node.hasNonNull(field)) {
            if (value instanceof Integer i) {
                node.put(field, i);
            } else {
                node.put(field, value.toString());
            }
        }
    }
}
