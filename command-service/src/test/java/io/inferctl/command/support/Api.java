package io.inferctl.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP client for the command API, as any caller would use it. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public Api(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public record Response(int status, HttpResponse<String> raw, JsonNode body) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** The worker's reports that take a pending version to CURRENT. */
    public void reportServing(String endpointId, int version) {
        String rollout = "/v1/internal/endpoints/" + endpointId + "/versions/" + version + "/rollout/";
        for (String step : new String[]{"started", "succeeded"}) {
            Response response = post(rollout + step).as(Tokens.WORKER).send();
            if (response.status() != 200) {
                throw new AssertionError(step + " report failed: " + response);
            }
        }
    }

    /** A request under construction: method, path, token, headers, body. */
    public final class Call {
        private final String method;
        private final String path;
        private String token;
        private String body;
        private String contentType = "application/json";
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call as(String token) {
            this.token = token;
            return this;
        }

        public Call json(String body) {
            this.body = body;
            return this;
        }

        public Call json(Object body) {
            try {
                this.body = JSON.writeValueAsString(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Call contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call ifMatch(int version) {
            return header("If-Match", "\"" + version + "\"");
        }

        public Call idempotencyKey(String key) {
            return header("Idempotency-Key", key);
        }

        public Response send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            if (body != null) {
                request.header("Content-Type", contentType);
                request.method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                JsonNode parsed = response.body() == null || response.body().isBlank()
                        ? MissingNode.getInstance() : parse(response.body());
                return new Response(response.statusCode(), response, parsed);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public Call get(String path) {
        return new Call("GET", path);
    }

    public Call post(String path) {
        return new Call("POST", path);
    }

    public Call patch(String path) {
        return new Call("PATCH", path);
    }

    public Call delete(String path) {
        return new Call("DELETE", path);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
