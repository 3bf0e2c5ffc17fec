package io.inferctl.command.relay.backpressure;

import io.inferctl.command.relay.KafkaEventRelay;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How many stored events the relay has not yet had acknowledged by Kafka, read from the database:
 * the store's last global index against the relay's token. Every instance reads the same figure,
 * whichever of them holds the relay's token, so every instance pushes back alike. It is sampled on
 * a schedule, never on a request's path: a command only reads the last sample.
 */
public class RelayLag {

    /** A sample: events behind, and how fast the relay drained over the last second or more (events/s). */
    public record Sample(long events, double drainPerSecond, Instant at) {
    }

    private record Position(Instant at, long position) {
    }

    private static final Duration DRAIN_WINDOW = Duration.ofSeconds(1);
    private static final String SQL = "SELECT (SELECT max(global_index) FROM domain_event_entry) AS head, "
            + "t.token, t.token_type FROM token_entry t WHERE t.processor_name = :processor ORDER BY t.segment LIMIT 1";

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final Clock clock;
    private volatile Sample last;
    private Position drainFrom;
    private double drain;

    public RelayLag(JdbcClient jdbc, Serializer serializer, Clock clock) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.clock = clock;
    }

    /** The last sample; empty before the first, and while the relay has never started (no token row). */
    public Optional<Sample> last() {
        return Optional.ofNullable(last);
    }

    /** Takes a sample now; called by the schedule, one at a time. */
    public synchronized void sample() {
        Instant now = clock.instant();
        jdbc.sql(SQL).param("processor", KafkaEventRelay.PROCESSING_GROUP)
                .query(rs -> {
                    long head = rs.getLong("head");
                    long position = position(rs.getBytes("token"), rs.getString("token_type"));
                    record(now, Math.max(0, head - position), position);
                });
    }

    /** Package-private for tests: the sample a read of the database would give. */
    synchronized void record(Instant now, long behind, long position) {
        // The token moves once per relay batch, so two samples a few milliseconds apart often see it
        // still: the drain rate is measured over at least DRAIN_WINDOW, and the last one kept between.
        if (drainFrom == null) {
            drainFrom = new Position(now, position);
        } else if (Duration.between(drainFrom.at(), now).compareTo(DRAIN_WINDOW) >= 0) {
            double seconds = Duration.between(drainFrom.at(), now).toNanos() / 1e9;
            drain = Math.max(0, position - drainFrom.position()) / seconds;
            drainFrom = new Position(now, position);
        }
        last = new Sample(behind, drain, now);
    }

    /** The last global index relayed; none yet (an empty token) is 0, below the store's first index. */
    private long position(byte[] token, String type) {
        if (token == null || type == null) {
            return 0;
        }
        SerializedType serializedType = new SimpleSerializedType(type, null);
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, serializedType));
        return tracking == null ? 0 : tracking.position().orElse(0);
    }
}
