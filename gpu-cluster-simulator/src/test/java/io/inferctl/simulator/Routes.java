package io.inferctl.simulator;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** HTTPRoutes the way the rollout worker splits an endpoint's traffic: one rule, a backend per version's Service. */
final class Routes {

    static final int SERVICE_PORT = 80;

    private Routes() {
    }

    /** @param weights backend Service name to weight, in order */
    static HTTPRoute route(String name, Map<String, Integer> weights) {
        List<HTTPBackendRef> backends = new ArrayList<>();
        weights.forEach((service, weight) -> backends.add(backend(service, SERVICE_PORT, weight)));
        return route(name, backends);
    }

    static HTTPRoute route(String name, List<HTTPBackendRef> backends) {
        return new HTTPRouteBuilder()
                .withNewMetadata().withName(name).withNamespace("default")
                .addToLabels(Workloads.ENDPOINT_LABEL, name).endMetadata()
                .withNewSpec()
                .addNewParentRef().withName("inference-gateway").endParentRef()
                .withHostnames(name + ".inference.example.com")
                .addNewRule().withBackendRefs(backends).endRule()
                .endSpec()
                .build();
    }

    static HTTPBackendRef backend(String service, Integer port, Integer weight) {
        return new HTTPBackendRefBuilder().withName(service).withPort(port).withWeight(weight).build();
    }
}
