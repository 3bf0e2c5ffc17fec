package io.inferctl.command.relay.backpressure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param maxLagEvents   stored events not yet acknowledged by Kafka past which users' changes are refused
 *                       (429); two relay batches by default, 0 turns pushing back off
 * @param sampleInterval how often the relay's distance is read from the database
 * @param maxRetryAfter  the longest Retry-After given, also used while the relay is not draining at all
 */
@ConfigurationProperties("inferctl.relay.backpressure")
public record BackpressureProperties(
        @DefaultValue("200") long maxLagEvents,
        @DefaultValue("200ms") Duration sampleInterval,
        @DefaultValue("5s") Duration maxRetryAfter) {
}
