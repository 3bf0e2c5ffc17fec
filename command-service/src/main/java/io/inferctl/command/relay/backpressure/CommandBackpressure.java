package io.inferctl.command.relay.backpressure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Refuses a change while the relay is too far behind, so an accepted change reaches Kafka, and from
 * there every read model, within about one relay batch. A refused change stored nothing; its answer,
 * 429 with a Retry-After of how long the backlog should take to drain, tells the client to come back.
 * The worker's reports are never refused: they are bounded by the rollouts in flight, and a rollout
 * must be able to finish while users are pushed back.
 */
public class CommandBackpressure {

    private final RelayLag lag;
    private final BackpressureProperties properties;
    private final Clock clock;

    public CommandBackpressure(RelayLag lag, BackpressureProperties properties, Clock clock) {
        this.lag = lag;
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws RelayBehindException when the last sample shows more events behind than allowed */
    public void admit() {
        if (properties.maxLagEvents() <= 0) {
            return;
        }
        // A sample the schedule could not renew (the database is away) says nothing about now.
        Instant fresh = clock.instant().minus(properties.sampleInterval().multipliedBy(10));
        lag.last().filter(sample -> sample.at().isAfter(fresh))
                .filter(sample -> sample.events() > properties.maxLagEvents()).ifPresent(sample -> {
            throw new RelayBehindException(sample.events(), properties.maxLagEvents(), retryAfter(sample));
        });
    }

    private Duration retryAfter(RelayLag.Sample sample) {
        long seconds = sample.drainPerSecond() <= 0 ? properties.maxRetryAfter().toSeconds()
                : (long) Math.ceil((sample.events() - properties.maxLagEvents()) / sample.drainPerSecond());
        return Duration.ofSeconds(Math.max(1, Math.min(seconds, properties.maxRetryAfter().toSeconds())));
    }
}
