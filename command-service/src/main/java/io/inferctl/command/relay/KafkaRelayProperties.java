package io.inferctl.command.relay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * @param topic             where every stored event is published, keyed by endpoint id
 * @param partitions        partitions when the relay creates the topic; per-endpoint order holds at any count
 * @param replicationFactor replicas when the relay creates the topic: 1 for a local broker, 3 in production
 * @param source            the CloudEvents {@code source} of every record
 * @param sendTimeout       how long a batch waits for the broker's acknowledgement before it is retried; keep it
 *                          above the producer's delivery.timeout.ms so the producer reports its own failure first
 */
@ConfigurationProperties("inferctl.relay")
public record KafkaRelayProperties(
        @DefaultValue("endpoint-events") String topic,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("/inferctl/command-service") URI source,
        @DefaultValue("35s") Duration sendTimeout) {
}
