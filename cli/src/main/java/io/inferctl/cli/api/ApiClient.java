package io.inferctl.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.cli.config.Connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The two APIs over {@link HttpClient}. Reads are retried with backoff after a network error or a
 * 503 (they change nothing); changes are sent once: a change whose answer was lost may have been
 * made, and the user decides whether to send it again.
 */
public final class ApiClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int READ_ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String JSON = "application/json";

    private final Connection connection;
    private final ObjectMapper json;
    private final HttpClient http;

    public ApiClient(Connection connection, ObjectMapper json) {
        this.connection = connection;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** A change to send: method, path on the command API, body, and the version it builds on, if any. */
    public record Change(String method, String path, JsonNode body, Integer ifMatch, boolean dryRun) {
    }

    /** The command API's answer to a change, with its status (200 no-op, 201/202 a new version). */
    public record ChangeAnswer(int status, JsonNode body) {
    }

    public JsonNode query(String path, Map<String, ?> parameters) {
        return read(connection.queryUrl(), path, parameters);
    }

    /** Streams a read of the query API in another representation (CSV, NDJSON) straight to {@code out}. */
    public void export(String path, Map<String, ?> parameters, String accept, OutputStream out) {
        HttpRequest request = authorized(uri(connection.queryUrl(), path, parameters)).header("Accept", accept).GET().build();
        HttpResponse<InputStream> response = withRetries(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 300) {
                throw refusal(response.statusCode(), body.readAllBytes());
            }
            body.transferTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UnreachableException("the export from " + connection.queryUrl() + " broke off: " + e.getMessage(), e);
        }
    }

    public ChangeAnswer change(Change change) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (change.dryRun()) {
            parameters.put("dryRun", "true");
        }
        HttpRequest.Builder request = authorized(uri(connection.commandUrl(), change.path(), parameters))
                .header("Accept", JSON);
        if (change.ifMatch() != null) {
            request.header("If-Match", "\"" + change.ifMatch() + "\"");
        }
        if (!change.dryRun()) {
            // A dry run stores nothing and spends no key.
            request.header("Idempotency-Key", idempotencyKey(change));
        }
        if (change.body() == null) {
            request.method(change.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "PATCH".equals(change.method()) ? MERGE_PATCH : JSON)
                    .method(change.method(), HttpRequest.BodyPublishers.ofString(change.body().toString()));
        }
        HttpResponse<byte[]> response = send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw refusal(response.statusCode(), response.body());
        }
        return new ChangeAnswer(response.statusCode(), parse(response.body()));
    }

    /**
     * A change that builds on a version is keyed by what it is: the same change to the same
     * version, sent again (a re-run after a lost answer), gets the first answer back instead of a
     * second version. A change without a version (a create, a cancel) gets a key of its own: the
     * same create after a delete is a new endpoint.
     */
    static String idempotencyKey(Change change) {
        if (change.ifMatch() == null) {
            return "inferctl-" + UUID.randomUUID();
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String identity = change.method() + " " + change.path() + " " + change.ifMatch() + " " + change.body();
            return "inferctl-" + HexFormat.of().formatHex(sha256.digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    private JsonNode read(URI base, String path, Map<String, ?> parameters) {
        HttpRequest request = authorized(uri(base, path, parameters)).header("Accept", JSON).GET().build();
        HttpResponse<byte[]> response = withRetries(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw refusal(response.statusCode(), response.body());
        }
        return parse(response.body());
    }

    private <T> HttpResponse<T> withRetries(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<T> response = http.send(request, handler);
                if (response.statusCode() != 503 || attempt == READ_ATTEMPTS) {
                    return response;
                }
            } catch (IOException e) {
                if (attempt == READ_ATTEMPTS) {
                    throw unreachable(request, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnreachableException("interrupted", e);
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw unreachable(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted", e);
        }
    }

    private static void pause(Duration backoff) {
        try {
            // Between attempts of a read there is nothing to wait on but time itself.
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("interrupted", e);
        }
    }

    private static UnreachableException unreachable(HttpRequest request, IOException e) {
        String why = e instanceof ConnectException ? "connection refused"
                : e instanceof HttpTimeoutException ? "timed out" : String.valueOf(e.getMessage());
        URI uri = request.uri();
        return new UnreachableException("cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " (" + why + ")", e);
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + connection.token())
                .header("User-Agent", "inferctl-cli");
    }

    private ApiException refusal(int status, byte[] body) {
        JsonNode problem = null;
        try {
            problem = body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            // not Problem Details (a proxy's page, say): the status speaks alone
        }
        String code = problem == null ? null : problem.path("code").asText(null);
        return new ApiException(status, code, describe(status, problem), problem);
    }

    /** The Problem's detail (or title) and every field error, on one line. */
    static String describe(int status, JsonNode problem) {
        if (problem == null || !problem.isObject()) {
            return "HTTP " + status;
        }
        String detail = problem.path("detail").asText(problem.path("title").asText("HTTP " + status));
        StringJoiner errors = new StringJoiner("; ");
        for (JsonNode error : problem.path("errors")) {
            errors.add(error.path("field").asText() + ": " + error.path("reason").asText());
        }
        String code = problem.path("code").asText("");
        String head = code.isEmpty() ? "" : code + ": ";
        return errors.length() == 0 ? head + detail : head + errors;
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? json.nullNode() : json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the API answered something that is not JSON: " + e.getMessage(), e);
        }
    }

    private static URI uri(URI base, String path, Map<String, ?> parameters) {
        String query = parameters.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> encode(e.getKey()) + "=" + encode(String.valueOf(e.getValue())))
                .collect(Collectors.joining("&"));
        return URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
