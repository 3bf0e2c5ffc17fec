package io.inferctl.bench;

import com.fasterxml.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 7: signed webhook deliveries per second, beside the command API's own creation rate, at
 * the same clients. An authentic delivery verifies its signature, reads the delivery log and records
 * its answer (here "ignored" by the integration's alias filter, so the endpoint does not need to be
 * free of rollouts); a forged one is refused from the keys held in memory (401, or 429 once the
 * integration's failure allowance is spent) and so must be the cheaper of the two.
 */
final class WebhookScenario {

    private static final int CLIENTS = 4;
    private static final String BODY = "{\"source\": \"hf://meta-llama/Llama-3.1-8B-Instruct\", \"alias\": \"bench\"}";
    private static final String HMAC = "HmacSHA256";

    private final Api api;
    private final Scale scale;
    private final Report report;
    private final AtomicLong ids = new AtomicLong();

    WebhookScenario(Scenario scenario) {
        this.api = scenario.api();
        this.scale = scenario.scale();
        this.report = scenario.report();
    }

    void run() {
        JsonNode endpoint = api.createEndpoint("NVIDIA_H100").expect(201).json();
        JsonNode integration = api.createWebhookIntegration("bench-" + UUID.randomUUID().toString().substring(0, 8),
                endpoint.get("endpointId").asText(), "production").expect(201).json();
        String id = integration.get("integrationId").asText();
        byte[] key = Base64.getDecoder().decode(integration.get("secret").asText().substring("whsec_".length()));
        byte[] forged = new byte[key.length];

        Load.Throughput commands = Load.closedLoop(CLIENTS, scale.warmUp(), scale.window(),
                () -> api.createEndpoint("NVIDIA_H100").status() == 201);
        Load.Throughput authentic = Load.closedLoop(CLIENTS, scale.warmUp(), scale.window(),
                () -> deliver(id, key) == 200);
        Load.Throughput refused = Load.closedLoop(CLIENTS, scale.warmUp(), scale.window(), () -> {
            int status = deliver(id, forged);
            return status == 401 || status == 429;
        });

        double ratio = authentic.perSecond() == 0 ? 0 : refused.perSecond() / authentic.perSecond();
        report.add("7. Webhook deliveries, " + CLIENTS + " clients",
                Report.perSecond(authentic.perSecond()) + " authentic (p99 "
                        + format(authentic.latency().percentileMillis(99)) + " ms), "
                        + Report.perSecond(refused.perSecond()) + " forged refused (p99 "
                        + format(refused.latency().percentileMillis(99)) + " ms)" + failures(authentic) + failures(refused),
                Report.perSecond(commands.perSecond()) + " endpoint creations through the command API" + failures(commands),
                "forged >= authentic", ratio >= 1);
    }

    private int deliver(String integrationId, byte[] key) {
        String webhookId = "msg_bench_" + ids.incrementAndGet();
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return api.deliverWebhook(integrationId, webhookId, timestamp, "v1," + sign(key, webhookId, timestamp), BODY).status();
    }

    private static String sign(byte[] key, String webhookId, String timestamp) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return Base64.getEncoder().encodeToString(mac.doFinal((webhookId + "." + timestamp + "." + BODY)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static String format(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }

    private static String failures(Load.Throughput throughput) {
        return throughput.failed() == 0 ? "" : " (" + throughput.failed() + " failed: " + throughput.firstFailure() + ")";
    }
}
