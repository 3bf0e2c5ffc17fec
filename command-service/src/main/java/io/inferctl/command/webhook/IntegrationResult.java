package io.inferctl.command.webhook;

import io.inferctl.events.webhook.PayloadFormat;

import java.time.Instant;

/**
 * What an accepted integration command did.
 *
 * @param secret             the signing secret just issued (creation, rotation), else {@code null}:
 *                           the only time it leaves the service in plain text
 * @param previousValidUntil after a rotation, until when the previous secret still verifies
 */
public record IntegrationResult(
        String integrationId,
        String name,
        String endpointId,
        String endpointName,
        PayloadFormat format,
        String aliasFilter,
        IntegrationStatus status,
        int secretVersion,
        String secret,
        Instant previousValidUntil) {
}
