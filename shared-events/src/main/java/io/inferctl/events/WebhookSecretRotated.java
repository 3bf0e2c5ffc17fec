package io.inferctl.events;

import java.time.Instant;

/**
 * A new signing secret was issued; the previous one keeps verifying until {@code previousValidUntil}.
 */
@EventRevision("1")
public record WebhookSecretRotated(
        String integrationId,
        String endpointId,
        String endpointName,
        int secretVersion,
        Instant previousValidUntil,
        String rotatedBy,
        Instant rotatedAt) implements WebhookIntegrationEvent {
}
