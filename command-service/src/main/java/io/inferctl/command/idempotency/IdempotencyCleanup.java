package io.inferctl.command.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;

/** Forgets answers past their retention. Harmless to run on every instance at once. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(IdempotencyProperties.class)
class IdempotencyCleanup {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanup.class);

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyCleanup(IdempotencyStore store, IdempotencyProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${inferctl.idempotency.cleanup-interval:1h}",
            initialDelayString = "${inferctl.idempotency.cleanup-interval:1h}")
    void forgetExpiredAnswers() {
        int removed = store.deleteOlderThan(clock.instant().minus(properties.retention()));
        if (removed > 0) {
            log.info("Forgot {} idempotency answers older than {}", removed, properties.retention());
        }
    }
}
