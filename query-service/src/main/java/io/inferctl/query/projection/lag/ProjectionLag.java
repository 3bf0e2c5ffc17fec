package io.inferctl.query.projection.lag;

import io.cloudevents.CloudEvent;
import io.inferctl.query.projection.kafka.BatchFailures;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * How far the read model is behind the topic, refreshed in the background (a scrape or health
 * check never waits on the broker):
 * <ul>
 *   <li>events behind: per partition, the end offset minus the group's committed offset, summed;</li>
 *   <li>seconds behind: the age of the oldest record not yet applied, read at the committed offset
 *       of each lagging partition; 0 when caught up.</li>
 * </ul>
 * Exposed as the gauges {@code inferctl.projection.lag.events}, {@code inferctl.projection.lag.seconds} and
 * {@code inferctl.projection.parked.events} (-1 while unknown) and as the {@code projection} component
 * of {@code /actuator/health}.
 */
public class ProjectionLag implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);

    /**
     * One look at the lag.
     *
     * @param parkedEvents events waiting for a predecessor; one that stays parked points at a gap in the topic
     */
    public record Snapshot(long eventsBehind, double secondsBehind, long parkedEvents, Instant at, String error) {
        static final Snapshot UNKNOWN = new Snapshot(-1, -1, -1, null, "not measured yet");
    }

    private final Admin admin;
    private final JdbcTemplate jdbc;
    private final Consumer<String, CloudEvent> peek;
    private final String topic;
    private final String groupId;
    private final MessageListenerContainer liveProjection;
    private final BatchFailures failures;
    private final LagProperties properties;
    private final Clock clock;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "projection-lag"));
    private volatile Snapshot snapshot = Snapshot.UNKNOWN;

    public ProjectionLag(Admin admin, JdbcTemplate jdbc, Consumer<String, CloudEvent> peek, String topic,
                         String groupId, MessageListenerContainer liveProjection, BatchFailures failures,
                         LagProperties properties, Clock clock) {
        this.admin = admin;
        this.jdbc = jdbc;
        this.peek = peek;
        this.topic = topic;
        this.groupId = groupId;
        this.liveProjection = liveProjection;
        this.failures = failures;
        this.properties = properties;
        this.clock = clock;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::refresh, 0, properties.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    void refresh() {
        try {
            snapshot = measure();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.debug("Could not measure the projection's lag", e);
            snapshot = new Snapshot(-1, -1, parkedEvents(), clock.instant(), String.valueOf(e.getMessage()));
        }
    }

    private Snapshot measure() throws Exception {
        long timeout = properties.timeout().toMillis();
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(timeout, TimeUnit.MILLISECONDS).get(topic);
        List<TopicPartition> partitions = description.partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(timeout, TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest(), timeout);
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest(), timeout);

        Map<TopicPartition, Long> firstUnapplied = new HashMap<>();
        long behind = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            long position = done == null ? starts.get(partition) : done.offset();
            long lag = Math.max(0, ends.get(partition) - position);
            if (lag > 0) {
                firstUnapplied.put(partition, position);
                behind += lag;
            }
        }
        return new Snapshot(behind, behind == 0 ? 0 : oldestAgeSeconds(firstUnapplied), parkedEvents(), clock.instant(),
                null);
    }

    private long parkedEvents() {
        try {
            Long parked = jdbc.queryForObject("SELECT count(*) FROM parked_event", Long.class);
            return parked == null ? -1 : parked;
        } catch (RuntimeException e) {
            log.debug("Could not count parked events", e);
            return -1;
        }
    }

    /** The age of the oldest record among the first unapplied record of each lagging partition. */
    private double oldestAgeSeconds(Map<TopicPartition, Long> firstUnapplied) {
        peek.assign(firstUnapplied.keySet());
        firstUnapplied.forEach(peek::seek);
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        long deadline = System.nanoTime() + properties.timeout().toNanos();
        while (timestamps.size() < firstUnapplied.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, CloudEvent> record : peek.poll(properties.timeout().dividedBy(10))) {
                timestamps.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.timestamp());
            }
            timestamps.keySet().forEach(partition -> peek.pause(List.of(partition)));
        }
        peek.resume(peek.paused());
        if (timestamps.isEmpty()) {
            return -1;
        }
        long oldest = timestamps.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        return Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec, long timeout)
            throws Exception {
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all().get(timeout, TimeUnit.MILLISECONDS);
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * Down when the projection does not keep up: it is not running, a batch keeps failing, or the
     * oldest unapplied event is older than {@code maxBehind}; up again as soon as that ends. A short
     * lag keeps it up (queries that need fresh data say so with 503), and shows in the details.
     */
    @Override
    public Health health() {
        Snapshot current = snapshot;
        BatchFailures.Attempts stuck = failures.worst();
        boolean failing = stuck != null && stuck.count() >= properties.maxFailedAttempts();
        boolean behind = current.secondsBehind() > properties.maxBehind().toMillis() / 1000.0;
        Health.Builder health = liveProjection.isRunning() && !failing && !behind ? Health.up() : Health.down();
        health.withDetail("running", liveProjection.isRunning())
                .withDetail("paused", liveProjection.isContainerPaused())
                .withDetail("eventsBehind", current.eventsBehind())
                .withDetail("secondsBehind", current.secondsBehind())
                .withDetail("maxSecondsBehind", properties.maxBehind().toSeconds())
                .withDetail("parkedEvents", current.parkedEvents());
        if (stuck != null) {
            health.withDetail("failedAttempts", stuck.count())
                    .withDetail("failingBatch", stuck.batch())
                    .withDetail("lastFailure", stuck.lastFailure());
        }
        if (current.at() != null) {
            health.withDetail("measuredAt", current.at().toString());
        }
        if (current.error() != null) {
            health.withDetail("lagError", current.error());
        }
        return health.build();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peek.close();
        admin.close();
    }
}
