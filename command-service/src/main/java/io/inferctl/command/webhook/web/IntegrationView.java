package io.inferctl.command.webhook.web;

import io.inferctl.command.webhook.IntegrationStatus;
import io.inferctl.events.webhook.PayloadFormat;

import java.time.Instant;

/**
 * An integration as the API shows it. {@code secret} is present only in the answer that issued it
 * (creation, rotation); it is never stored in plain text, so it cannot be shown again.
 */
record IntegrationView(
        String integrationId,
        String name,
        String url,
        String endpointId,
        String endpointName,
        PayloadFormat format,
        String aliasFilter,
        IntegrationStatus status,
        Integer secretVersion,
        String secret,
        Instant previousSecretValidUntil,
        String createdBy,
        Instant createdAt) {
}
