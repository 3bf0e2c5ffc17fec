package io.inferctl.worker.inbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param topic           the command side's event topic
 * @param groupId         the worker's consumer group: every worker instance shares it, so each event is handled once
 * @param retryBackoff    wait before an event that could not be stored (database down) is tried again; never skipped
 * @param deadLetterTopic where records that are not our events go, unchanged, with the reason; created at start-up
 */
@ConfigurationProperties("inferctl.inbox")
public record InboxProperties(
        @DefaultValue("endpoint-events") String topic,
        @DefaultValue("rollout-worker") String groupId,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("endpoint-events.rollout-worker.dlt") String deadLetterTopic) {
}
