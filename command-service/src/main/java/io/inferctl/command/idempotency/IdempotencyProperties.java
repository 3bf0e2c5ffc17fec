package io.inferctl.command.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param retention how long a first answer is replayed for its key; a retry after that runs anew
 */
@ConfigurationProperties("inferctl.idempotency")
public record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("1h") Duration cleanupInterval) {
}
