package io.inferctl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/** The command and query APIs over HTTP/1.1, as a client would call them. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** An answer: status and body. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        Answer expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("expected " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    private final Stack stack;
    private final String commandUrl;
    private final HttpClient http;
    private final String run;
    private final AtomicLong names;

    Api(Stack stack) {
        this(stack, stack.commandUrl(), HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build(),
                Long.toString(System.currentTimeMillis() % 100_000_000L, 36), new AtomicLong());
    }

    private Api(Stack stack, String commandUrl, HttpClient http, String run, AtomicLong names) {
        this.stack = stack;
        this.commandUrl = commandUrl;
        this.http = http;
        this.run = run;
        this.names = names;
    }

    /** The same client sending its commands to another command-service instance; names stay unique across both. */
    Api at(String otherCommandUrl) {
        return new Api(stack, otherCommandUrl, http, run, names);
    }

    /** A new endpoint: its configuration becomes v0 (about 1 KB as an event). */
    Answer createEndpoint(String gpuType) {
        String name = "bench-" + run + "-" + names.incrementAndGet();
        String body = """
                {"name": "%s", "comment": "bin/bench",
                 "config": {"model": {"name": "Llama-3.1-8B-Instruct", "source": "hf://meta-llama/Llama-3.1-8B-Instruct"},
                            "accelerator": {"type": "%s", "count": 1},
                            "autoscaling": {"minReplicas": 1, "maxReplicas": 1}}}""".formatted(name, gpuType);
        return send(HttpRequest.newBuilder(URI.create(commandUrl + "/v1/endpoints"))
                .header("Authorization", "Bearer " + stack.deployerToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A new endpoint whose superseded versions are removed at once instead of kept warm. */
    Answer createEndpointWithoutWarmStandby(String gpuType) {
        String name = "bench-" + run + "-" + names.incrementAndGet();
        String body = """
                {"name": "%s", "comment": "bin/bench, cold",
                 "config": {"model": {"name": "Llama-3.1-8B-Instruct", "source": "hf://meta-llama/Llama-3.1-8B-Instruct"},
                            "accelerator": {"type": "%s", "count": 1},
                            "autoscaling": {"minReplicas": 1, "maxReplicas": 1},
                            "rollout": {"warmStandbySeconds": 0}}}""".formatted(name, gpuType);
        return send(HttpRequest.newBuilder(URI.create(commandUrl + "/v1/endpoints"))
                .header("Authorization", "Bearer " + stack.deployerToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The next version with an earlier version's settings. */
    Answer rollBack(String endpointId, int targetVersion) {
        return send(HttpRequest.newBuilder(URI.create(commandUrl + "/v1/endpoints/" + endpointId + "/rollback"))
                .header("Authorization", "Bearer " + stack.deployerToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"comment\": \"bin/bench\", \"targetVersion\": " + targetVersion + "}")));
    }

    /** A new version of an endpoint: one engine setting changed. */
    Answer changeBatchSize(String endpointId, int maxBatchSize) {
        return send(HttpRequest.newBuilder(URI.create(commandUrl + "/v1/endpoints/" + endpointId))
                .header("Authorization", "Bearer " + stack.deployerToken())
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"comment\": \"bin/bench\", \"config\": {\"engine\": {\"maxBatchSize\": " + maxBatchSize + "}}}")));
    }

    /** A new version of an endpoint rolled out as a canary with these steps: one engine setting changed. */
    Answer changeToCanary(String endpointId, int maxBatchSize, String steps) {
        return send(HttpRequest.newBuilder(URI.create(commandUrl + "/v1/endpoints/" + endpointId))
                .header("Authorization", "Bearer " + stack.deployerToken())
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("""
                        {"comment": "bin/bench, canary", "config": {"engine": {"maxBatchSize": %d},
                         "rollout": {"strategy": "CANARY", "canarySteps": "%s", "maxErrorRatePercent": 5}}}"""
                        .formatted(maxBatchSize, steps))));
    }

    /** The version once its rollout is over (no longer PENDING or ROLLING_OUT), as the query API tells it. */
    JsonNode rolledOut(String endpointId, int version) {
        String path = "/v1/endpoints/" + endpointId + "/versions/" + version;
        return await("version " + version + " to finish rolling out").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    Answer answer = query(path);
                    return answer.status() == 200 ? answer.json() : null;
                }, v -> v != null && !v.path("status").asText().matches("PENDING|ROLLING_OUT"));
    }

    /** A GET on the query API (path and query string) as a viewer, or as admin for {@code /v1/admin}. */
    Answer query(String pathAndQuery) {
        String token = pathAndQuery.startsWith("/v1/admin") ? stack.adminToken() : stack.viewerToken();
        return send(HttpRequest.newBuilder(URI.create(stack.queryUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET());
    }

    /** A GENERIC webhook integration for an existing endpoint that deploys only {@code alias}. */
    Answer createWebhookIntegration(String name, String endpointId, String alias) {
        String body = """
                {"name": "%s", "format": "GENERIC", "endpointId": "%s", "filter": {"alias": "%s"}}"""
                .formatted(name, endpointId, alias);
        return send(HttpRequest.newBuilder(URI.create(commandUrl + "/v1/webhooks"))
                .header("Authorization", "Bearer " + stack.adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A delivery with exactly these Standard Webhooks headers; no bearer token, as a registry sends it. */
    Answer deliverWebhook(String integrationId, String webhookId, String timestamp, String signature, String body) {
        return send(HttpRequest.newBuilder(URI.create(commandUrl + "/v1/webhooks/" + integrationId))
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer startRebuild() {
        return send(HttpRequest.newBuilder(URI.create(stack.queryUrl() + "/v1/admin/rebuild"))
                .header("Authorization", "Bearer " + stack.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
