package io.inferctl.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Defaults;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.List;

/** What a new cluster holds before anyone calls its API: the standard namespaces and the {@code kubernetes} Service. */
final class ClusterSeed {

    private static final int SERVICE_PORT = 443;
    private static final int API_SERVER_PORT = 6443;

    private ClusterSeed() {
    }

    static void plant(ClusterStore store, List<String> namespaces) {
        for (String namespace : namespaces) {
            ObjectNode ns = Json.object();
            ns.putObject("metadata").put("name", namespace);
            Defaults.onCreate(ResourceTypes.NAMESPACES, ns, store);
            store.create(ObjectKey.of(ResourceTypes.NAMESPACES, "", namespace), ns);
        }
        ObjectNode kubernetes = Json.object();
        kubernetes.putObject("metadata").put("name", "kubernetes").putObject("labels").put("component", "apiserver");
        ObjectNode port = kubernetes.putObject("spec").putArray("ports").addObject();
        port.put("name", "https");
        port.put("port", SERVICE_PORT);
        port.put("targetPort", API_SERVER_PORT);
        Defaults.onCreate(ResourceTypes.SERVICES, kubernetes, store);
        store.create(ObjectKey.of(ResourceTypes.SERVICES, "default", "kubernetes"), kubernetes);
    }
}
