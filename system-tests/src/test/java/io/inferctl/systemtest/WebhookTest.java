package io.inferctl.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A model registry drives an endpoint on the whole stack: a signed W&B "alias added" delivery
 * creates v0, which the worker rolls out on the simulated cluster until it serves; the next delivery
 * creates v1 changing only the model. The signature is made here from the specification (HMAC-SHA256
 * of id.timestamp.body), not with the service's own code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookTest {

    private static final Duration STACK_START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** An artifact the simulated cluster's model catalog holds, so its download succeeds. */
    private static final String KNOWN_ARTIFACT = "inferctl/models/llama-chat:v3";
    private static final String UNKNOWN_ARTIFACT = "inferctl/models/llama-chat:v99";

    private final HttpClient http = HttpClient.newHttpClient();
    private LocalStack stack;

    @BeforeAll
    void startStack() throws IOException {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        stack = LocalStack.start(root, STACK_START_TIMEOUT, List.of("--simulator-args", "--fast"));
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aSignedRegistryDeliveryCreatesV0ThatServesThenTheNextChangesOnlyTheModel() throws Exception {
        String endpointName = "registry-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode integration = post(stack.get("COMMAND_URL") + "/v1/webhooks", stack.get("ADMIN_TOKEN"), Map.of(
                "name", "wandb-" + endpointName, "format", "WANDB", "filter", Map.of("alias", "production"),
                "endpoint", Map.of("name", endpointName, "config", Map.of(
                        "model", Map.of("name", "Llama-3.1-8B-Instruct", "source", "hf://meta-llama/Llama-3.1-8B-Instruct"),
                        "accelerator", Map.of("type", "NVIDIA_H100", "count", 1),
                        "autoscaling", Map.of("minReplicas", 1, "maxReplicas", 1)))));
        String secret = integration.get("secret").asText();

        HttpResponse<String> first = deliver(integration, secret, KNOWN_ARTIFACT);
        JsonNode created = JSON.readTree(first.body());
        String endpointId = created.get("endpointId").asText();
        JsonNode v0 = awaitSettled(endpointId, 0);
        HttpResponse<String> forged = deliver(integration, "whsec_" + Base64.getEncoder()
                .encodeToString(new byte[32]), UNKNOWN_ARTIFACT);
        HttpResponse<String> second = deliver(integration, secret, UNKNOWN_ARTIFACT);
        JsonNode v1 = awaitSettled(endpointId, 1);

        assertThat(integration.get("url").asText()).as("the URL a registry is given reaches this stack")
                .isEqualTo(stack.get("COMMAND_URL") + "/v1/webhooks/" + integration.get("integrationId").asText());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(created.get("outcome").asText()).isEqualTo("ENDPOINT_CREATED");
        assertThat(v0.get("status").asText()).as(v0.toString()).isEqualTo("CURRENT");
        assertThat(v0.get("origin").asText()).isEqualTo("WEBHOOK");
        assertThat(v0.get("createdBy").asText()).isEqualTo("webhook:wandb-" + endpointName);
        assertThat(v0.at("/config/model/source").asText()).isEqualTo("wandb://" + KNOWN_ARTIFACT);
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(202);
        assertThat(v1.get("changes").findValuesAsText("field")).containsExactly("model.source");
        assertThat(v1.get("basedOn").asInt()).isZero();
        assertThat(v1.get("status").asText()).as("the catalog has no such artifact").isEqualTo("FAILED");
        assertThat(v1.at("/failure/code").asText()).isEqualTo("MODEL_NOT_FOUND");
        JsonNode endpoint = get(stack.get("QUERY_URL") + "/v1/endpoints/" + endpointId);
        assertThat(endpoint.get("currentVersion").asInt()).as("v0 keeps serving").isZero();
    }

    private JsonNode awaitSettled(String endpointId, int version) {
        String url = stack.get("QUERY_URL") + "/v1/endpoints/" + endpointId + "/versions/" + version;
        return await().atMost(ROLLOUT_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> getOrNull(url), v -> v != null
                        && List.of("CURRENT", "FAILED", "CANCELLED").contains(v.path("status").asText()));
    }

    private HttpResponse<String> deliver(JsonNode integration, String secret, String artifact) throws Exception {
        String body = "{\"event_type\": \"ADD_ARTIFACT_ALIAS\", \"alias\": \"production\", "
                + "\"artifact_version_string\": \"" + artifact + "\"}";
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.get("COMMAND_URL") + "/v1/webhooks/"
                        + integration.get("integrationId").asText()))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", "v1," + sign(secret, id + "." + timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The Standard Webhooks signature: base64 of HMAC-SHA256, keyed with the secret's decoded bytes. */
    private static String sign(String secret, String content) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode post(String url, String token, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + stack.get("VIEWER_TOKEN")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode getOrNull(String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + stack.get("VIEWER_TOKEN")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }
}
