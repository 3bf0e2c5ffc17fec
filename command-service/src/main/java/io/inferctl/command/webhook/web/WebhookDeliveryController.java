package io.inferctl.command.webhook.web;

import io.inferctl.command.webhook.delivery.DeliveryAnswer;
import io.inferctl.command.webhook.delivery.WebhookDeliveries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a model registry says "this artifact is ready". No bearer token: the Standard Webhooks
 * signature over the raw body is the authentication, so the body is taken as bytes, exactly as signed.
 */
@RestController
@Tag(name = "Webhook deliveries")
public class WebhookDeliveryController {

    /** Set on the answer to a webhook-id delivered before: it is that delivery's answer. */
    public static final String REPLAYED = "Webhook-Replayed";

    private final WebhookDeliveries deliveries;

    WebhookDeliveryController(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @PostMapping("/v1/webhooks/{integrationId}")
    @Operation(summary = "A signed delivery (Standard Webhooks): creates v0 or the next version with the artifact")
    public ResponseEntity<DeliveryAnswer> deliver(@PathVariable String integrationId,
                                                  @RequestHeader(name = "webhook-id", required = false) String id,
                                                  @RequestHeader(name = "webhook-timestamp", required = false) String timestamp,
                                                  @RequestHeader(name = "webhook-signature", required = false) String signature,
                                                  @RequestBody(required = false) byte[] body) {
        WebhookDeliveries.Delivered delivered = deliveries.deliver(integrationId,
                new WebhookDeliveries.Signed(id, timestamp, signature), body == null ? new byte[0] : body);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(delivered.status());
        if (delivered.replayed()) {
            answer.header(REPLAYED, "true");
        }
        return answer.body(delivered.answer());
    }
}
