package io.inferctl.simulator.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.cluster.NodeOperations;
import io.inferctl.simulator.faults.FaultInjector;
import io.inferctl.simulator.faults.FaultRule;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's own small HTTP API, on its own port so that faults never reach it:
 *
 * <pre>
 * GET    /faults                  active fault rules
 * POST   /faults                  add a rule, e.g. {"latencyMs":200} or {"errorRate":0.3,"errorStatus":503}
 * DELETE /faults                  clear all rules
 * DELETE /faults/{id}             remove one rule
 * GET    /nodes                   nodes with GPU type, GPUs, free GPUs, cordoned
 * POST   /nodes                   add a node: {"gpuType":"NVIDIA_H100","gpus":8}
 * POST   /nodes/{name}/cordon     mark unschedulable
 * POST   /nodes/{name}/uncordon   mark schedulable again
 * DELETE /nodes/{name}           remove the node; its pods go with it
 * </pre>
 *
 * and the synthetic load's figures and the engine faults ({@link TrafficAdmin}).
 */
public final class AdminServer implements AutoCloseable {

    private static final Pattern FAULT = Pattern.compile("/faults/([^/]+)");
    private static final Pattern NODE = Pattern.compile("/nodes/([^/]+)");
    private static final Pattern NODE_ACTION = Pattern.compile("/nodes/([^/]+)/(cordon|uncordon)");
    private static final int DEFAULT_GPUS = 8;

    private final Vertx vertx;
    private final FaultInjector faults;
    private final NodeOperations nodes;
    private final TrafficAdmin traffic;
    private final String host;
    private final int requestedPort;
    private HttpServer server;

    public AdminServer(Vertx vertx, FaultInjector faults, NodeOperations nodes, TrafficAdmin traffic, String host,
            int port) {
        this.vertx = vertx;
        this.faults = faults;
        this.nodes = nodes;
        this.traffic = traffic;
        this.host = host;
        this.requestedPort = port;
    }

    public Future<Integer> start() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(requestedPort)
                .setHttp2ClearTextEnabled(false))
                .requestHandler(this::handle);
        return server.listen().map(HttpServer::actualPort);
    }

    public int port() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            String body = buffer == null ? "" : buffer.toString(StandardCharsets.UTF_8);
            try {
                route(request, body);
            } catch (ApiException e) {
                error(request.response(), e.code(), e.getMessage());
            } catch (IllegalArgumentException | IllegalStateException e) {
                error(request.response(), 400, e.getMessage());
            }
        });
    }

    private void route(HttpServerRequest request, String body) {
        String path = request.path().replaceAll("/+$", "");
        String method = request.method().name();
        HttpServerResponse response = request.response();
        Matcher nodeAction = NODE_ACTION.matcher(path);
        Matcher node = NODE.matcher(path);
        Matcher fault = FAULT.matcher(path);
        Optional<TrafficAdmin.Answer> trafficAnswer = traffic.handle(method, path, parse(body));
        if (trafficAnswer.isPresent()) {
            TrafficAdmin.Answer answer = trafficAnswer.get();
            if (answer.body() == null) {
                response.setStatusCode(answer.status()).end();
            } else {
                json(response, answer.status(), answer.body());
            }
        } else if (path.equals("/healthz")) {
            response.end("ok");
        } else if (path.equals("/faults") && method.equals("GET")) {
            ArrayNode list = Json.array();
            faults.active().forEach(rule -> list.add(rule.toJson()));
            ObjectNode result = Json.object();
            result.set("faults", list);
            json(response, 200, result);
        } else if (path.equals("/faults") && method.equals("POST")) {
            json(response, 201, faults.add(FaultRule.fromJson(parse(body))).toJson());
        } else if (path.equals("/faults") && method.equals("DELETE")) {
            faults.clear();
            response.setStatusCode(204).end();
        } else if (fault.matches() && method.equals("DELETE")) {
            if (faults.remove(fault.group(1))) {
                response.setStatusCode(204).end();
            } else {
                error(response, 404, "no fault rule " + fault.group(1));
            }
        } else if (path.equals("/nodes") && method.equals("GET")) {
            ArrayNode list = Json.array();
            nodes.summaries().forEach(s -> list.add(s.toJson()));
            ObjectNode result = Json.object();
            result.set("nodes", list);
            json(response, 200, result);
        } else if (path.equals("/nodes") && method.equals("POST")) {
            JsonNode spec = parse(body);
            spec.fieldNames().forEachRemaining(field -> {
                if (!NODE_FIELDS.contains(field)) {
                    throw new IllegalArgumentException("unknown field '" + field + "'; known fields: " + NODE_FIELDS);
                }
            });
            if (!spec.path("gpuType").isTextual()) {
                throw new IllegalArgumentException("gpuType is required and must be a string");
            }
            if (spec.has("gpus") && !spec.get("gpus").isIntegralNumber()) {
                throw new IllegalArgumentException("gpus must be a whole number");
            }
            if (spec.has("name") && !spec.get("name").isTextual()) {
                throw new IllegalArgumentException("name must be a string");
            }
            String name = spec.has("name") ? spec.get("name").textValue() : null;
            json(response, 201, nodes.add(spec.get("gpuType").textValue(), spec.path("gpus").asInt(DEFAULT_GPUS), name)
                    .toJson());
        } else if (nodeAction.matches() && method.equals("POST")) {
            NodeOperations.NodeSummary summary = "cordon".equals(nodeAction.group(2))
                    ? nodes.cordon(nodeAction.group(1)) : nodes.uncordon(nodeAction.group(1));
            json(response, 200, summary.toJson());
        } else if (node.matches() && method.equals("DELETE")) {
            nodes.remove(node.group(1));
            response.setStatusCode(204).end();
        } else {
            error(response, 404, "no such admin endpoint: " + method + " " + path);
        }
    }

    private static final java.util.Set<String> NODE_FIELDS = java.util.Set.of("gpuType", "gpus", "name");

    private static JsonNode parse(String body) {
        return body.isBlank() ? Json.object() : Json.parse(body);
    }

    private static void json(HttpServerResponse response, int status, JsonNode body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(Json.write(body));
    }

    private static void error(HttpServerResponse response, int status, String message) {
        ObjectNode error = Json.object();
        error.put("error", message);
        json(response, status, error);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
