package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.inferctl.worker.rollout.VersionRef;

import java.util.List;

/**
 * The endpoint's HTTPRoute: one rule whose two backends are the serving and the canary version's
 * Services, weighted in percent. Both backends stay listed at 100/0 and 0/100 so that every shift of
 * a canary changes weights only, never the shape of the route.
 */
final class HttpRouteTemplate {

    private final KubernetesProperties properties;
    private final GatewayProperties gateway;
    private final ObjectNames names;

    HttpRouteTemplate(KubernetesProperties properties, GatewayProperties gateway, ObjectNames names) {
        this.properties = properties;
        this.gateway = gateway;
        this.names = names;
    }

    HTTPRoute build(VersionRef serving, VersionRef canary, int canaryPercent) {
        HTTPRouteBuilder route = new HTTPRouteBuilder()
                .withNewMetadata()
                    .withName(names.service(serving))
                    .withNamespace(properties.namespace())
                    .withLabels(names.endpointLabels(serving))
                .endMetadata()
                .withNewSpec()
                    .withParentRefs(parent())
                    .addNewRule()
                        .addNewBackendRef().withName(names.version(serving)).withPort(properties.servicePort())
                            .withWeight(100 - canaryPercent).endBackendRef()
                        .addNewBackendRef().withName(names.version(canary)).withPort(properties.servicePort())
                            .withWeight(canaryPercent).endBackendRef()
                    .endRule()
                .endSpec();
        if (!gateway.hostnameSuffix().isBlank()) {
            route.editSpec().withHostnames(List.of(serving.name() + "." + gateway.hostnameSuffix())).endSpec();
        }
        return route.build();
    }

    /** The Gateway the route attaches to, as the route names it and as its status repeats it. */
    ParentReference parent() {
        ParentReferenceBuilder parent = new ParentReferenceBuilder().withName(gateway.name());
        if (!gateway.namespace().isBlank()) {
            parent.withNamespace(gateway.namespace());
        }
        return parent.build();
    }
}
