package io.inferctl.command.webhook;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param encryptionKey          AES-256 key (base64 of 32 bytes) that encrypts signing secrets at rest;
 *                               required: the service does not start without one
 * @param publicBaseUrl          this service's address as registries reach it; names each integration's URL
 * @param timestampTolerance     a delivery signed further from now than this, either way, is refused
 * @param rotationOverlap        how long the previous secret keeps verifying after a rotation
 * @param keyRefreshInterval     how soon a change made on another instance (create, rotate, disable,
 *                               delete) reaches this instance's in-memory keys
 * @param failedSignatureLimit   failed signatures per integration allowed in a burst before 429
 * @param failedSignatureRefill  the time in which that allowance refills completely
 * @param deliveryLogPageSize    deliveries listed per request, newest first
 */
@Validated
@ConfigurationProperties("inferctl.webhooks")
public record WebhookProperties(
        @NotBlank String encryptionKey,
        @DefaultValue("http://localhost:8081") String publicBaseUrl,
        @DefaultValue("5m") Duration timestampTolerance,
        @DefaultValue("24h") Duration rotationOverlap,
        @DefaultValue("5s") Duration keyRefreshInterval,
        @DefaultValue("10") int failedSignatureLimit,
        @DefaultValue("1m") Duration failedSignatureRefill,
        @DefaultValue("100") int deliveryLogPageSize) {
}
