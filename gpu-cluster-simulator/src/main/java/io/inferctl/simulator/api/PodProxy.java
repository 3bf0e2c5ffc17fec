package io.inferctl.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.ResourceTypes;
import io.vertx.core.http.HttpServerResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pods' {@code proxy} subresource: {@code GET /api/v1/namespaces/{ns}/pods/{name}[:{port}]/proxy/{path}}
 * forwards to the pod, which is how a client outside the cluster network reads a pod's metrics (RBAC
 * {@code pods/proxy} get). As on a real API server, a pod that does not exist is 404 NotFound, and one
 * that is not running, or has nothing listening on the port, is 503 ServiceUnavailable.
 */
final class PodProxy {

    private static final Pattern PATH =
            Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/:]+)(?::(\\d+))?/proxy(/.*)?");
    private static final int DEFAULT_PORT = 80;

    private final ClusterStore store;
    private final PodHttp pods;

    PodProxy(ClusterStore store, PodHttp pods) {
        this.store = store;
        this.pods = pods;
    }

    /** Answers the request when its path is a pod proxy path; false leaves it to the resource handlers. */
    boolean handle(String method, String path, HttpServerResponse response) {
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches()) {
            return false;
        }
        if (!"GET".equals(method)) {
            throw new ApiException(405, "MethodNotAllowed", "the simulated pods answer GET only", null);
        }
        String name = matcher.group(2);
        ObjectNode pod = store.get(ObjectKey.of(ResourceTypes.PODS, matcher.group(1), name))
                .orElseThrow(() -> ApiException.notFound(ResourceTypes.PODS, name));
        int port = matcher.group(3) == null ? firstPort(pod) : Integer.parseInt(matcher.group(3));
        String podIp = pod.path("status").path("podIP").asText("");
        if (!isRunning(pod) || podIp.isEmpty()) {
            throw unavailable("pod " + name + " is not running");
        }
        if (!listensOn(pod, port)) {
            throw unavailable("error trying to reach service: dial tcp " + podIp + ":" + port
                    + ": connect: connection refused");
        }
        String target = matcher.group(4) == null ? "/" : matcher.group(4);
        Optional<PodHttp.Answer> answer = pods.get(pod, port, target);
        if (answer.isEmpty()) {
            response.setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("404 page not found\n");
        } else {
            response.setStatusCode(200).putHeader("Content-Type", answer.get().contentType()).end(answer.get().body());
        }
        return true;
    }

    /** Running with every container up: a container that is waiting (starting, crash back-off) serves nothing. */
    private static boolean isRunning(JsonNode pod) {
        if (!"Running".equals(pod.path("status").path("phase").asText()) || pod.path("metadata").has("deletionTimestamp")) {
            return false;
        }
        JsonNode statuses = pod.path("status").path("containerStatuses");
        if (statuses.isEmpty()) {
            return false;
        }
        for (JsonNode status : statuses) {
            if (!status.path("state").has("running")) {
                return false;
            }
        }
        return true;
    }

    /** A pod that declares no ports is taken to listen wherever asked, as nothing says otherwise. */
    private static boolean listensOn(JsonNode pod, int port) {
        boolean declared = false;
        for (JsonNode container : pod.path("spec").path("containers")) {
            for (JsonNode containerPort : container.path("ports")) {
                declared = true;
                if (containerPort.path("containerPort").asInt() == port) {
                    return true;
                }
            }
        }
        return !declared;
    }

    private static int firstPort(JsonNode pod) {
        for (JsonNode container : pod.path("spec").path("containers")) {
            for (JsonNode containerPort : container.path("ports")) {
                return containerPort.path("containerPort").asInt(DEFAULT_PORT);
            }
        }
        return DEFAULT_PORT;
    }

    private static ApiException unavailable(String message) {
        return new ApiException(503, "ServiceUnavailable", message, null);
    }
}
