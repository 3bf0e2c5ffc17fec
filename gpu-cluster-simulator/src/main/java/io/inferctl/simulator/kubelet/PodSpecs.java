package io.inferctl.simulator.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.engine.SimulatedEngine;
import io.inferctl.simulator.store.Meta;
import java.util.ArrayList;
import java.util.List;

/** What the kubelet reads from a pod's spec: its containers, their images and environment. */
final class PodSpecs {

    private PodSpecs() {
    }

    static String engineContainer(JsonNode pod) {
        for (JsonNode container : pod.path("spec").path("containers")) {
            if (SimulatedEngine.isEngine(container)) {
                return container.path("name").asText();
            }
        }
        return null;
    }

    static JsonNode container(JsonNode pod, String name) {
        if (name == null) {
            return null;
        }
        for (JsonNode container : pod.path("spec").path("containers")) {
            if (name.equals(container.path("name").asText())) {
                return container;
            }
        }
        return null;
    }

    static List<String> images(JsonNode pod) {
        List<String> images = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> images.add(c.path("image").asText()));
        return images;
    }

    static String envValue(JsonNode container, String name) {
        for (JsonNode env : container.path("env")) {
            if (name.equals(env.path("name").asText())) {
                return env.path("value").asText();
            }
        }
        return "";
    }

    /** A pod as the kubelet names it in its messages: {@code name_namespace(uid)}. */
    static String podDescription(JsonNode pod) {
        return Meta.name(pod) + "_" + Meta.namespace(pod) + "(" + Meta.uid(pod) + ")";
    }
}
