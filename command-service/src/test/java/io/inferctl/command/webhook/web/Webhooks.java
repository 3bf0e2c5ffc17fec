package io.inferctl.command.webhook.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.command.webhook.crypto.SigningSecret;
import io.inferctl.command.webhook.crypto.StandardWebhookSignature;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

/** A model registry as the tests play it: creates integrations as an admin, signs and sends deliveries. */
final class Webhooks {

    /** An integration as its creation answered: the only time its secret is seen. */
    record Integration(String id, String name, String endpointId, String secret) {
    }

    private final Api api;

    Webhooks(Api api) {
        this.api = api;
    }

    static Map<String, Object> template() {
        return Map.of(
                "model", Map.of("name", "Llama-3.1-8B-Instruct", "source", "hf://meta-llama/Llama-3.1-8B-Instruct"),
                "accelerator", Map.of("type", "NVIDIA_H100", "count", 1),
                "autoscaling", Map.of("minReplicas", 1, "maxReplicas", 2));
    }

    /** An integration whose first delivery creates the endpoint {@code endpointName}. */
    Integration forNewEndpoint(String name, String endpointName, String format, String alias) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("format", format);
        body.put("endpoint", Map.of("name", endpointName, "config", template()));
        if (alias != null) {
            body.put("filter", Map.of("alias", alias));
        }
        return create(body);
    }

    Integration forEndpoint(String name, String endpointId, String format) {
        return create(Map.of("name", name, "format", format, "endpointId", endpointId));
    }

    private Integration create(Map<String, Object> body) {
        Api.Response created = api.post("/v1/webhooks").as(Tokens.ADMIN).json(body).send();
        if (created.status() != 201) {
            throw new AssertionError("integration not created: " + created);
        }
        return new Integration(created.body().get("integrationId").asText(), created.body().get("name").asText(),
                created.body().get("endpointId").asText(), created.body().get("secret").asText());
    }

    static String wandb(String artifactVersion, String alias) {
        return "{\"event_type\": \"ADD_ARTIFACT_ALIAS\", \"event_author\": \"alice\", \"alias\": \"" + alias
                + "\", \"artifact_version_string\": \"" + artifactVersion + "\", \"entity_name\": \"acme\"}";
    }

    static String newWebhookId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    static String sign(String secret, String webhookId, String timestamp, String body) {
        return StandardWebhookSignature.header(SigningSecret.parse(secret), webhookId, timestamp,
                body.getBytes(StandardCharsets.UTF_8));
    }

    static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    /** A delivery signed now with {@code secret}. */
    Api.Response deliver(Integration integration, String secret, String webhookId, String body) {
        String timestamp = now();
        return send(integration.id(), webhookId, timestamp, sign(secret, webhookId, timestamp, body), body);
    }

    Api.Response deliver(Integration integration, String webhookId, String body) {
        return deliver(integration, integration.secret(), webhookId, body);
    }

    /** Exactly these headers (a {@code null} one is left out) and body. */
    Api.Response send(String integrationId, String webhookId, String timestamp, String signature, String body) {
        Api.Call call = api.post("/v1/webhooks/" + integrationId).json(body);
        if (webhookId != null) {
            call.header("webhook-id", webhookId);
        }
        if (timestamp != null) {
            call.header("webhook-timestamp", timestamp);
        }
        if (signature != null) {
            call.header("webhook-signature", signature);
        }
        return call.send();
    }

    /** The integration's delivery log, newest first, as an admin reads it. */
    List<JsonNode> deliveryLog(Integration integration) {
        Api.Response log = api.get("/v1/webhooks/" + integration.id() + "/deliveries").as(Tokens.ADMIN).send();
        if (log.status() != 200) {
            throw new AssertionError("delivery log not read: " + log);
        }
        return StreamSupport.stream(log.body().get("items").spliterator(), false).toList();
    }

    /**
     * Whether the instance this registry talks to has the integration in its keyring: a delivery
     * signed by a key nobody holds is refused 401 by an instance that knows the integration, 404 by
     * one that does not (yet), and either way touches nothing.
     */
    boolean knows(Integration integration) {
        String webhookId = newWebhookId();
        String timestamp = now();
        String body = "{}";
        String forged = StandardWebhookSignature.header(SigningSecret.newKey(), webhookId, timestamp,
                body.getBytes(StandardCharsets.UTF_8));
        int status = send(integration.id(), webhookId, timestamp, forged, body).status();
        if (status != 401 && status != 404) {
            throw new AssertionError("a forged delivery was answered " + status);
        }
        return status == 401;
    }
}
