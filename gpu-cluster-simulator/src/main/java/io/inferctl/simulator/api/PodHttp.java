package io.inferctl.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** What answers HTTP inside a running pod, for the API server's pod proxy to forward to. */
@FunctionalInterface
public interface PodHttp {

    /** A plain-text answer to {@code GET path} on the pod's {@code port}. */
    record Answer(String contentType, String body) {
    }

    /** Nothing listens inside any pod. */
    PodHttp NONE = (pod, port, path) -> Optional.empty();

    /** The answer to a GET, or empty when nothing is served at that path (404). */
    Optional<Answer> get(JsonNode pod, int port, String path);
}
