package io.inferctl.worker.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The command API behind a real HTTP proxy that answers 503 to every request about chosen endpoints,
 * as a command service that is overloaded or restarting would; everything else goes through.
 */
public final class FlakyCommandApi implements AutoCloseable {

    /** What the worker sends that the command API reads; the rest the HTTP client sets itself. */
    private static final List<String> FORWARDED = List.of("Authorization", "Content-Type", "Idempotency-Key");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();

    private FlakyCommandApi(URI target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public static FlakyCommandApi start(String targetUrl) {
        return new FlakyCommandApi(URI.create(targetUrl));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void refuse(String endpointId) {
        refused.add(endpointId);
    }

    public void heal(String endpointId) {
        refused.remove(endpointId);
    }

    /** Requests about the endpoint answered 503 so far. */
    public int refusals(String endpointId) {
        AtomicInteger count = refusals.get(endpointId);
        return count == null ? 0 : count.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            for (String endpointId : refused) {
                if (path.contains("/endpoints/" + endpointId + "/")) {
                    refusals.computeIfAbsent(endpointId, id -> new AtomicInteger()).incrementAndGet();
                    answer(exchange, 503, "text/plain", "the command API is away".getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : FORWARDED) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
