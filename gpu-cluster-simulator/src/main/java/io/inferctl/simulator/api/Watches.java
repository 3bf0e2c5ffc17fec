package io.inferctl.simulator.api;

import io.inferctl.simulator.api.table.Tables;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.FieldSelector;
import io.inferctl.simulator.store.LabelSelector;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open watches: streamed as chunked JSON lines (what kubectl reads) or over a WebSocket (what fabric8
 * tries first), each ended with its transport, and all of them broken at once on an outage.
 */
final class Watches {

    private static final long MILLIS_PER_SECOND = 1000;

    private final Vertx vertx;
    private final ClusterStore store;
    private final Set<Runnable> open = ConcurrentHashMap.newKeySet();

    Watches(Vertx vertx, ClusterStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    /** Breaks every open watch, as an API server restart would. */
    void closeAll() {
        List.copyOf(open).forEach(Runnable::run);
    }

    void streamOverHttp(HttpServerRequest request, ResourcePath path, LabelSelector labels, FieldSelector fields) {
        HttpServerResponse response = request.response();
        Context context = vertx.getOrCreateContext();
        response.setChunked(true);
        response.putHeader("Content-Type", Responses.JSON);
        response.putHeader("Cache-Control", "no-cache, private");
        response.setStatusCode(200);
        // Headers go out at once: clients wait for them before they consider the watch established.
        response.writeHead();
        WatchStream stream = new WatchStream(path, labels, fields, Tables.wanted(request.getHeader("Accept")),
                request.params().get("includeObject"), store.clock(),
                line -> context.runOnContext(v -> {
                    if (!response.ended() && !response.closed()) {
                        response.write(line + "\n");
                    }
                }));
        HttpConnection connection = request.connection();
        ClusterStore.Subscription subscription;
        try {
            subscription = stream.start(store, request.params().get("resourceVersion"));
        } catch (ApiException e) {
            stream.sendError(e);
            context.runOnContext(v -> response.end());
            return;
        }
        Runnable close = track(subscription, context, connection::close);
        response.closeHandler(v -> untrack(subscription, close));
        String timeout = request.params().get("timeoutSeconds");
        if (timeout != null && !timeout.isBlank()) {
            vertx.setTimer(Long.parseLong(timeout) * MILLIS_PER_SECOND, id -> {
                untrack(subscription, close);
                context.runOnContext(v -> {
                    if (!response.ended() && !response.closed()) {
                        response.end();
                    }
                });
            });
        }
    }

    void streamOverWebSocket(ServerWebSocket socket, ResourcePath path, LabelSelector labels, FieldSelector fields,
                             boolean table, String includeObject, String resourceVersion) {
        Context context = vertx.getOrCreateContext();
        WatchStream stream = new WatchStream(path, labels, fields, table, includeObject, store.clock(),
                line -> context.runOnContext(v -> {
                    if (!socket.isClosed()) {
                        socket.writeTextMessage(line);
                    }
                }));
        ClusterStore.Subscription subscription;
        try {
            subscription = stream.start(store, resourceVersion);
        } catch (ApiException e) {
            stream.sendError(e);
            context.runOnContext(v -> socket.close());
            return;
        }
        Runnable close = track(subscription, context, socket::close);
        socket.closeHandler(v -> untrack(subscription, close));
    }

    /**
     * Registers an open watch so {@link #closeAll()} can break it; the returned action ends the
     * subscription and closes the transport (HTTP connection or WebSocket) on its own event loop.
     */
    private Runnable track(ClusterStore.Subscription subscription, Context context, Runnable closeTransport) {
        Runnable close = new Runnable() {
            @Override
            public void run() {
                untrack(subscription, this);
                context.runOnContext(v -> closeTransport.run());
            }
        };
        open.add(close);
        return close;
    }

    private void untrack(ClusterStore.Subscription subscription, Runnable close) {
        subscription.close();
        open.remove(close);
    }
}
