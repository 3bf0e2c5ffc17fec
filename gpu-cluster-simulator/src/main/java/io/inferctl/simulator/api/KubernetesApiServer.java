package io.inferctl.simulator.api;

import static io.inferctl.simulator.api.Responses.parseBody;
import static io.inferctl.simulator.api.Responses.send;
import static io.inferctl.simulator.api.Responses.sendFault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.api.table.Tables;
import io.inferctl.simulator.faults.FaultInjector;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Deletion;
import io.inferctl.simulator.store.FieldSelector;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.LabelSelector;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes API over HTTP: health, discovery, the verbs on resources ({@link ResourceOperations})
 * answered as objects or Tables, and watches ({@link Watches}). Every request first meets the
 * {@link FaultInjector}.
 */
public final class KubernetesApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesApiServer.class);
    private static final Set<String> HEALTH_PATHS = Set.of("/healthz", "/livez", "/readyz");
    private static final List<String> WEBSOCKET_SUBPROTOCOLS = List.of("v4.channel.k8s.io", "v5.channel.k8s.io",
            "base64.channel.k8s.io");

    private final Vertx vertx;
    private final ClusterStore store;
    private final FaultInjector faults;
    private final ResourceOperations operations;
    private final Watches watches;
    private final PodProxy podProxy;
    private final String host;
    private final int requestedPort;
    private HttpServer server;

    /** @param pods what answers inside pods, for the pod proxy ({@link PodHttp#NONE} when nothing does) */
    public KubernetesApiServer(Vertx vertx, ClusterStore store, FaultInjector faults, PodHttp pods, String host,
            int port) {
        this.vertx = vertx;
        this.store = store;
        this.faults = faults;
        this.operations = new ResourceOperations(store);
        this.watches = new Watches(vertx, store);
        this.podProxy = new PodProxy(store, pods);
        this.host = host;
        this.requestedPort = port;
        faults.onOutage(this::closeWatches);
    }

    public Future<Integer> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(requestedPort)
                .setHttp2ClearTextEnabled(false)
                .setWebSocketSubProtocols(WEBSOCKET_SUBPROTOCOLS)
                .setHandle100ContinueAutomatically(true);
        server = vertx.createHttpServer(options).requestHandler(this::handle);
        return server.listen().map(HttpServer::actualPort);
    }

    public int port() {
        return server.actualPort();
    }

    /** Breaks every open watch, as an API server restart would. */
    public void closeWatches() {
        watches.closeAll();
    }

    private void handle(HttpServerRequest request) {
        FaultInjector.Decision decision = faults.decide(request.method().name(), request.uri());
        if (decision.outcome() == FaultInjector.Outcome.DROP && decision.latencyMs() == 0) {
            request.connection().close();
            return;
        }
        if (isWebSocketUpgrade(request)) {
            handleWebSocket(request, decision);
            return;
        }
        request.body().onSuccess(body -> later(decision.latencyMs(), () -> {
            switch (decision.outcome()) {
                case DROP -> request.connection().close();
                case ERROR -> sendFault(request.response(), decision);
                default -> dispatch(request, body);
            }
        })).onFailure(error -> LOG.debug("could not read request body", error));
    }

    private void later(long delayMillis, Runnable action) {
        if (delayMillis <= 0) {
            action.run();
        } else {
            vertx.setTimer(delayMillis, id -> action.run());
        }
    }

    private void dispatch(HttpServerRequest request, Buffer body) {
        HttpServerResponse response = request.response();
        try {
            String path = request.path();
            if (HEALTH_PATHS.contains(path)) {
                response.putHeader("Content-Type", "text/plain").end("ok");
                return;
            }
            Optional<ObjectNode> document = Discovery.document(path, host + ":" + port()).or(() -> OpenApi.document(path));
            if (document.isPresent() && request.method() == HttpMethod.GET) {
                send(response, 200, document.get());
                return;
            }
            if (podProxy.handle(request.method().name(), path, response)) {
                return;
            }
            Optional<ResourcePath> resource = ResourcePath.parse(path);
            if (resource.isEmpty()) {
                throw new ApiException(404, "NotFound", "the server could not find the requested resource", null);
            }
            handleResource(request, resource.get(), body == null ? "" : body.toString(StandardCharsets.UTF_8));
        } catch (ApiException e) {
            send(response, e.code(), e.toStatus());
        } catch (IllegalArgumentException e) {
            send(response, 400, ApiException.badRequest(e.getMessage()).toStatus());
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", request.method(), request.uri(), e);
            send(response, 500, new ApiException(500, "InternalError", String.valueOf(e.getMessage()), null).toStatus());
        }
    }

    private void handleResource(HttpServerRequest request, ResourcePath path, String body) {
        MultiMap params = request.params();
        boolean dryRun = params.contains("dryRun");
        HttpServerResponse response = request.response();
        LabelSelector labels = LabelSelector.parse(params.get("labelSelector"));
        FieldSelector fields = FieldSelector.parse(params.get("fieldSelector"));
        String accept = request.getHeader("Accept");
        switch (request.method().name()) {
            case "GET" -> {
                if ("true".equals(params.get("watch")) || "1".equals(params.get("watch"))) {
                    watches.streamOverHttp(request, path, labels, fields);
                } else if (path.isCollection()) {
                    ObjectNode list = operations.list(path, labels, fields);
                    sendObjectOrTable(request, path, list, true);
                } else {
                    sendObjectOrTable(request, path, operations.get(path), false);
                }
            }
            case "POST" -> send(response, dryRun ? 200 : 201, operations.create(path, parseBody(body), dryRun));
            case "PUT" -> send(response, 200, operations.replace(path, parseBody(body), dryRun));
            case "PATCH" -> send(response, 200, operations.patch(path, request.getHeader("Content-Type"), body,
                    params.get("fieldManager"), dryRun));
            case "DELETE" -> {
                JsonNode options = body.isBlank() ? Json.object() : parseBody(body);
                Deletion.Propagation propagation = propagation(params, options);
                Long grace = params.contains("gracePeriodSeconds") ? Long.valueOf(params.get("gracePeriodSeconds"))
                        : options.hasNonNull("gracePeriodSeconds") ? options.get("gracePeriodSeconds").asLong() : null;
                if (path.isCollection()) {
                    send(response, 200, operations.deleteCollection(path, labels, fields, propagation, grace, dryRun));
                } else {
                    send(response, 200, operations.delete(path, propagation, grace, options.get("preconditions"), dryRun));
                }
            }
            default -> throw new ApiException(405, "MethodNotAllowed", "method " + request.method() + " is not allowed",
                    null);
        }
        if (accept != null && LOG.isDebugEnabled()) {
            LOG.debug("{} {} Accept: {}", request.method(), request.uri(), accept);
        }
    }

    private static Deletion.Propagation propagation(MultiMap params, JsonNode options) {
        String policy = params.get("propagationPolicy");
        if (policy == null && options.hasNonNull("propagationPolicy")) {
            policy = options.get("propagationPolicy").asText();
        }
        if (policy == null && options.path("orphanDependents").asBoolean(false)) {
            return Deletion.Propagation.ORPHAN;
        }
        return Deletion.Propagation.parse(policy);
    }

    private void sendObjectOrTable(HttpServerRequest request, ResourcePath path, ObjectNode object, boolean list) {
        if (!Tables.wanted(request.getHeader("Accept")) || path.subresource() != null) {
            send(request.response(), 200, object);
            return;
        }
        List<JsonNode> items = new java.util.ArrayList<>();
        if (list) {
            object.path("items").forEach(items::add);
        } else {
            items.add(object);
        }
        String resourceVersion = Json.text(object, "metadata", "resourceVersion");
        ObjectNode table = Tables.table(path.type(), items, resourceVersion, request.params().get("includeObject"),
                store.clock().instant());
        send(request.response(), 200, table);
    }

    private void handleWebSocket(HttpServerRequest request, FaultInjector.Decision decision) {
        Optional<ResourcePath> path = ResourcePath.parse(request.path());
        boolean watch = "true".equals(request.getParam("watch")) || "1".equals(request.getParam("watch"));
        if (decision.outcome() == FaultInjector.Outcome.ERROR) {
            sendFault(request.response(), decision);
            return;
        }
        if (path.isEmpty() || !watch) {
            // Only watches are served over WebSockets (no exec or port-forward in a simulated node).
            request.response().setStatusCode(400).end();
            return;
        }
        LabelSelector labels;
        FieldSelector fields;
        try {
            labels = LabelSelector.parse(request.getParam("labelSelector"));
            fields = FieldSelector.parse(request.getParam("fieldSelector"));
        } catch (ApiException e) {
            send(request.response(), e.code(), e.toStatus());
            return;
        }
        String resourceVersion = request.getParam("resourceVersion");
        boolean table = Tables.wanted(request.getHeader("Accept"));
        String includeObject = request.getParam("includeObject");
        request.toWebSocket().onSuccess(socket -> later(decision.latencyMs(), () -> {
            if (decision.outcome() == FaultInjector.Outcome.DROP) {
                socket.close();
                return;
            }
            watches.streamOverWebSocket(socket, path.get(), labels, fields, table, includeObject, resourceVersion);
        })).onFailure(error -> LOG.debug("WebSocket upgrade failed", error));
    }


    private static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    @Override
    public void close() {
        closeWatches();
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
