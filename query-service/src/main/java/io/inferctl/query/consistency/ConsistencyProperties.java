package io.inferctl.query.consistency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param maxWait         how long a query with {@code minSequence} waits for the projection before it answers 503
 * @param recheckInterval how often a waiting query looks at the database again; commits by this instance wake it at
 *                        once, this covers commits made by other instances of the service
 * @param retryAfter      the {@code Retry-After} a 503 suggests
 */
@ConfigurationProperties("inferctl.consistency")
public record ConsistencyProperties(
        @DefaultValue("2s") Duration maxWait,
        @DefaultValue("50ms") Duration recheckInterval,
        @DefaultValue("1s") Duration retryAfter) {
}
