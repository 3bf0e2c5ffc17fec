package io.inferctl.command.webhook.delivery;

import io.inferctl.events.version.VersionStatus;

/**
 * The answer to an accepted delivery, and what every retry of its webhook-id gets again.
 *
 * @param version  the version created, or for {@code NO_CHANGE} the latest one; {@code null} when ignored
 * @param sequence the endpoint's event sequence after the delivery (read-your-writes on the query API)
 * @param detail   why it was ignored, or what was deployed, in words
 */
public record DeliveryAnswer(
        String webhookId,
        DeliveryOutcome outcome,
        String endpointId,
        Integer version,
        VersionStatus status,
        Long sequence,
        String artifact,
        String detail) {
}
