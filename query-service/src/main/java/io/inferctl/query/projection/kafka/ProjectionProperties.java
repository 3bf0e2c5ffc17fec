package io.inferctl.query.projection.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param topic                  the topic the command side publishes every endpoint event to; created by
 *                               command-service, with retention forever, and never by this service
 * @param groupId                the consumer group whose committed offsets mark what the read model has applied
 * @param concurrency            consumers in this instance; more than one only helps with as many partitions
 * @param maxPollRecords         events applied per batch (one database transaction)
 * @param retryInterval          the pause before a batch that failed is tried again; a batch that fails because
 *                               the database or the broker is unreachable is retried until it succeeds
 * @param maxAttempts            how often the database may refuse a batch (e.g. a value that overflows a column)
 *                               before the events it refuses are found, dead-lettered and skipped
 * @param deadLetterTopic        where records that cannot be applied go, with the reason in a header
 * @param deadLetterPartitions   partitions when this service creates the dead-letter topic
 * @param deadLetterReplicas     replicas when this service creates the dead-letter topic: 1 locally, 3 in production
 * @param deadLetterSendTimeout  how long a dead letter waits for the broker's acknowledgement
 */
@ConfigurationProperties("inferctl.projection")
public record ProjectionProperties(
        @DefaultValue("endpoint-events") String topic,
        @DefaultValue("query-service") String groupId,
        @DefaultValue("1") int concurrency,
        @DefaultValue("500") int maxPollRecords,
        @DefaultValue("1s") Duration retryInterval,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("endpoint-events.query-service.dlt") String deadLetterTopic,
        @DefaultValue("1") int deadLetterPartitions,
        @DefaultValue("1") short deadLetterReplicas,
        @DefaultValue("10s") Duration deadLetterSendTimeout) {
}
