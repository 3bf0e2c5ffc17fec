package io.inferctl.query.projection.lag;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param refreshInterval         how often the lag gauges and the health indicator ask the broker where the topic ends
 * @param timeout                 how long one such look may take before the lag counts as unknown
 * @param maxBehind               the projection's health is DOWN while the oldest unapplied event is older than this
 * @param maxFailedAttempts       the projection's health is DOWN once a batch has failed this many times in a row
 */
@ConfigurationProperties("inferctl.lag")
public record LagProperties(
        @DefaultValue("5s") Duration refreshInterval,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("60s") Duration maxBehind,
        @DefaultValue("3") int maxFailedAttempts) {
}
