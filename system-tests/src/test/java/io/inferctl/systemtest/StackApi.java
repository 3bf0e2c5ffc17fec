package io.inferctl.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The command and query APIs of a {@link LocalStack}, as a deployer's client calls them. */
final class StackApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalStack stack;

    StackApi(LocalStack stack) {
        this.stack = stack;
    }

    /** A GET of the query API as a viewer; anything but 200 fails the caller. */
    JsonNode query(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A change through the command API as a deployer, with an Idempotency-Key of its own; anything but 2xx fails the caller. */
    JsonNode change(String method, String path, String contentType, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.get("COMMAND_URL") + path))
                .header("Authorization", "Bearer " + stack.get("DEPLOYER_TOKEN"))
                .header("Content-Type", contentType)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    /** The version the query API shows serving the endpoint, or -1 before any does (or before it shows the endpoint). */
    int currentVersion(String endpointId) throws IOException, InterruptedException {
        String path = "/v1/endpoints/" + endpointId;
        HttpResponse<String> response = get(path);
        if (response.statusCode() == 404) {
            return -1; // the read model has not projected its creation yet
        }
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        JsonNode current = JSON.readTree(response.body()).path("currentVersion");
        return current.isNumber() ? current.asInt() : -1;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(stack.get("QUERY_URL") + path))
                .header("Authorization", "Bearer " + stack.get("VIEWER_TOKEN")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
