package io.inferctl.systemtest.faults;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The rollout workers' consumer group on {@code endpoint-events} as its coordinator sees it, read
 * over the brokers' ordinary listener (never through the suite's proxy): how many members it has and
 * how many of the topic's partitions each holds.
 */
final class WorkerGroup implements AutoCloseable {

    /** rollout-worker's {@code inferctl.inbox.group-id}. */
    static final String GROUP = "rollout-worker";
    private static final int ANSWER_SECONDS = 20;
    // The admin client refuses a request timeout longer than its default API timeout.
    private static final int REQUEST_SECONDS = 10;

    private final Admin admin;

    WorkerGroup(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ANSWER_SECONDS * 1000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_SECONDS * 1000));
    }

    /** Partitions of the topic held by each member, in the coordinator's order (empty while it rebalances). */
    List<Integer> partitionsPerMember() throws ExecutionException, InterruptedException, TimeoutException {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP)
                .get(ANSWER_SECONDS, TimeUnit.SECONDS);
        return group.members().stream().map(MemberDescription::assignment)
                .map(assignment -> (int) assignment.topicPartitions().stream().map(TopicPartition::topic)
                        .filter(TopicRecords.TOPIC::equals).count())
                .toList();
    }

    /** The topic's partition count. */
    int partitions() throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeTopics(List.of(TopicRecords.TOPIC)).allTopicNames().get(ANSWER_SECONDS, TimeUnit.SECONDS)
                .get(TopicRecords.TOPIC).partitions().size();
    }

    @Override
    public void close() {
        admin.close();
    }
}
