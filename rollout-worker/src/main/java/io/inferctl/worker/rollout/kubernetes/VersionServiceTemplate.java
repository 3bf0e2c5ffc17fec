package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.inferctl.worker.rollout.VersionRef;

/**
 * One version's own Service, named like its Deployment and selecting only its pods: the backend an
 * HTTPRoute weighs against the other version's. The endpoint's stable Service stays as it is.
 */
final class VersionServiceTemplate {

    private final KubernetesProperties properties;
    private final ObjectNames names;

    VersionServiceTemplate(KubernetesProperties properties, ObjectNames names) {
        this.properties = properties;
        this.names = names;
    }

    Service build(VersionRef version) {
        return new ServiceBuilder()
                .withNewMetadata()
                    .withName(names.version(version))
                    .withNamespace(properties.namespace())
                    .withLabels(names.versionLabels(version))
                .endMetadata()
                .withNewSpec()
                    .withSelector(names.selector(version))
                    .addNewPort().withName("http").withProtocol("TCP").withPort(properties.servicePort())
                        .withTargetPort(new IntOrString(properties.enginePort())).endPort()
                .endSpec()
                .build();
    }
}
