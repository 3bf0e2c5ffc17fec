package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.inferctl.worker.rollout.VersionRef;

/** The endpoint's one stable Service; its selector names the version that serves. */
final class ServiceTemplate {

    private final KubernetesProperties properties;
    private final ObjectNames names;

    ServiceTemplate(KubernetesProperties properties, ObjectNames names) {
        this.properties = properties;
        this.names = names;
    }

    Service build(VersionRef serving) {
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(names.service(serving))
                    .withNamespace(properties.namespace())
                    .withLabels(names.endpointLabels(serving))
                .endMetadata()
                .withNewSpec()
                    .withSelector(names.selector(serving))
                    .addNewPort().withName("http").withProtocol("TCP").withPort(properties.servicePort())
                        .withTargetPort(new IntOrString(properties.enginePort())).endPort()
                .endSpec()
                .build();
    }
}
