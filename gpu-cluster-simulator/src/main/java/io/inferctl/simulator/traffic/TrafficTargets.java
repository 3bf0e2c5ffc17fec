package io.inferctl.simulator.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an endpoint's traffic goes, read from the cluster's objects the way a Gateway and kube-proxy
 * would: through the endpoint's HTTPRoute to each backend Service by weight when it has one, else
 * straight to its Service. A Service's selector picks the pods; its version label names the version.
 */
final class TrafficTargets {

    /** One weighted backend: the pods {@code selector} picks in {@code namespace}. An empty selector picks none. */
    record Backend(String version, long weight, Map<String, String> selector) {
    }

    /** An endpoint and its backends in route order. */
    record Target(String namespace, String endpoint, List<Backend> backends) {

        String key() {
            return namespace + "/" + endpoint;
        }

        /** Version to weight, the weights of backends of one version added up. */
        Map<String, Long> weights() {
            Map<String, Long> weights = new LinkedHashMap<>();
            backends.forEach(b -> weights.merge(b.version(), b.weight(), Long::sum));
            return weights;
        }
    }

    private final TrafficSettings settings;

    TrafficTargets(TrafficSettings settings) {
        this.settings = settings;
    }

    List<Target> resolve(List<? extends JsonNode> routes, List<? extends JsonNode> services) {
        Map<String, JsonNode> servicesByKey = new LinkedHashMap<>();
        services.forEach(s -> servicesByKey.put(Meta.namespace(s) + "/" + Meta.name(s), s));
        Map<String, Target> targets = new LinkedHashMap<>();
        Set<String> routedServices = new HashSet<>();
        for (JsonNode route : routes) {
            if (Meta.isBeingDeleted(route)) {
                continue;
            }
            List<Backend> backends = new ArrayList<>();
            for (JsonNode rule : route.path("spec").path("rules")) {
                for (JsonNode ref : rule.path("backendRefs")) {
                    if (!ref.path("kind").asText("Service").equals("Service") || !ref.path("group").asText("").isEmpty()) {
                        continue;
                    }
                    String serviceKey = ref.path("namespace").asText(Meta.namespace(route)) + "/" + ref.path("name").asText();
                    routedServices.add(serviceKey);
                    backends.add(backend(servicesByKey.get(serviceKey), ref.path("name").asText(),
                            ref.path("weight").asLong(1)));
                }
            }
            Target target = new Target(Meta.namespace(route), endpoint(route), backends);
            targets.putIfAbsent(target.key(), target);
        }
        for (JsonNode service : services) {
            Map<String, String> selector = Json.stringMap(service.path("spec").path("selector"));
            String serviceKey = Meta.namespace(service) + "/" + Meta.name(service);
            if (selector.isEmpty() || Meta.isBeingDeleted(service) || routedServices.contains(serviceKey)) {
                continue;
            }
            Target target = new Target(Meta.namespace(service), endpoint(service),
                    List.of(backend(service, Meta.name(service), 1)));
            targets.putIfAbsent(target.key(), target);
        }
        return List.copyOf(targets.values());
    }

    private String endpoint(JsonNode object) {
        String label = Meta.labels(object).get(settings.endpointLabel());
        return label == null || label.isEmpty() ? Meta.name(object) : label;
    }

    private Backend backend(JsonNode service, String serviceName, long weight) {
        if (service == null || Meta.isBeingDeleted(service)) {
            return new Backend(serviceName, weight, Map.of());
        }
        Map<String, String> selector = Json.stringMap(service.path("spec").path("selector"));
        return new Backend(selector.getOrDefault(settings.versionLabel(), serviceName), weight, selector);
    }
}
