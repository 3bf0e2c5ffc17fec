package io.inferctl.worker.rollout.report;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One command-service instance as the worker's report client sees it, over real HTTP: it answers
 * the given answers in turn (the last one from then on) and records each report's path and
 * {@code Idempotency-Key}. Stopped, it stands for a dead instance (connection refused).
 */
final class FakeCommandInstance {

    private final HttpServer server;
    private final URI url;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private boolean stopped;

    FakeCommandInstance(int status) {
        this(new Reply(status, null));
    }

    FakeCommandInstance(Reply... replies) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestURI().getPath() + " key="
                    + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            Reply reply = replies[Math.min(received.size(), replies.length) - 1];
            if (reply.body() == null) {
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(reply.status(), body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI url() {
        return url;
    }

    List<String> received() {
        return received;
    }

    void stop() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
        }
    }

    record Reply(int status, String body) {
    }
}
