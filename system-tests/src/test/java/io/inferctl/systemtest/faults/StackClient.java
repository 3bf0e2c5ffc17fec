package io.inferctl.systemtest.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The two command APIs and the two query APIs of a {@link FaultStack}, as plain HTTP: an answer is
 * returned whatever its status, and no answer at all (refused, reset, timed out) is status 0.
 */
final class StackClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /** One answer; {@code status} 0 and {@code error} set when none came. */
    record Answer(int status, JsonNode body, boolean replayed, String error, String instance) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String code() {
            return body.path("code").asText("");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<String> commandUrls;
    private final List<String> queryUrls;
    private final String deployerToken;
    private final String viewerToken;

    StackClient(FaultStack stack) {
        this.commandUrls = List.of(stack.get("COMMAND_URL"), stack.get("COMMAND_URL_2"));
        this.queryUrls = List.of(stack.get("QUERY_URL"), stack.get("QUERY_URL_2"));
        this.deployerToken = stack.get("DEPLOYER_TOKEN");
        this.viewerToken = stack.get("VIEWER_TOKEN");
    }

    int instances() {
        return commandUrls.size();
    }

    /** A change through command-service instance {@code instance} (0 or 1), with the given key. */
    Answer change(int instance, String method, String path, String contentType, String ifMatch, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(commandUrls.get(instance) + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + deployerToken)
                .header("Content-Type", contentType)
                .header("Idempotency-Key", key)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return send(request.build(), "command-" + (instance + 1));
    }

    /** A GET of query-service instance {@code instance} as a viewer. */
    Answer query(int instance, String path) {
        return send(HttpRequest.newBuilder(URI.create(queryUrls.get(instance) + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + viewerToken).build(), "query-" + (instance + 1));
    }

    /** A GET of whichever query instance answers 2xx or 404 first (one of them may be down). */
    Answer query(String path) {
        Answer last = null;
        for (int i = 0; i < queryUrls.size(); i++) {
            last = query(i, path);
            if (last.ok() || last.status() == 404) {
                return last;
            }
        }
        return last;
    }

    private Answer send(HttpRequest request, String instance) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? MissingNode.getInstance() : parse(response.body());
            boolean replayed = response.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase)
                    .orElse(false);
            return new Answer(response.statusCode(), body, replayed, null, instance);
        } catch (IOException e) {
            return new Answer(0, MissingNode.getInstance(), false, e.getClass().getSimpleName() + ": " + e.getMessage(),
                    instance);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, MissingNode.getInstance(), false, "interrupted", instance);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
