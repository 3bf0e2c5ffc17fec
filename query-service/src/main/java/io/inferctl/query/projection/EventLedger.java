package io.inferctl.query.projection;

import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EventCatalog;
import io.inferctl.stream.StreamedEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.inferctl.query.projection.ColumnType.BIGINT;
import static io.inferctl.query.projection.ColumnType.TEXT;
import static io.inferctl.query.projection.ColumnType.TIMESTAMPTZ;

/**
 * Which events the projection has taken in ({@code processed_event}, by event id, so a redelivery is
 * recognised) and which wait for a predecessor ({@code parked_event}, by endpoint and sequence).
 */
public class EventLedger {

    /** An event waiting for its predecessor, and since when. */
    record Parked(StreamedEvent event, Instant parkedAt) {
    }

    private static final Map<String, Class<? extends EndpointEvent>> EVENT_TYPES = EventCatalog.events().stream()
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    private static final Columns<StreamedEvent> PROCESSED = new Columns<>(
            Column.of("event_id", TEXT, StreamedEvent::eventId),
            Column.of("endpoint_id", TEXT, StreamedEvent::endpointId),
            Column.of("sequence", BIGINT, StreamedEvent::sequence));

    private static final Column<Parked, String> ENDPOINT_ID = Column.of("endpoint_id", TEXT, p -> p.event().endpointId());
    private static final Column<Parked, Long> SEQUENCE = Column.of("sequence", BIGINT, p -> p.event().sequence());
    private static final Column<Parked, String> EVENT_ID = Column.of("event_id", TEXT, p -> p.event().eventId());
    private static final Column<Parked, Instant> EVENT_TIME = Column.of("event_time", TIMESTAMPTZ, p -> p.event().time());
    private static final Column<Parked, String> EVENT_TYPE = Column.of("event_type", TEXT, p -> p.event().type());
    /** Read back by {@link #read}, since the event's class depends on {@link #EVENT_TYPE}. */
    private static final Column<Parked, Object> PAYLOAD = Column.of("payload", ColumnType.json("jsonb", Object.class),
            p -> p.event().event());
    private static final Column<Parked, Instant> PARKED_AT = Column.of("parked_at", TIMESTAMPTZ, Parked::parkedAt);

    private static final Columns<Parked> PARKED = new Columns<>(ENDPOINT_ID, SEQUENCE, EVENT_ID, EVENT_TIME,
            EVENT_TYPE, PAYLOAD, PARKED_AT);
    private static final Columns<Parked> PARKED_KEY = new Columns<>(ENDPOINT_ID, SEQUENCE);

    private final JdbcTemplate jdbc;

    public EventLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the events as received; returns the ids that were not received before. */
    Set<String> markReceived(ReadModelTables tables, List<StreamedEvent> events) {
        String sql = PROCESSED.insert(tables.processedEvent()) + " ON CONFLICT DO NOTHING RETURNING event_id";
        Set<String> fresh = new HashSet<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            PROCESSED.bind(statement, 1, events);
            return statement;
        }, (ResultSet rs) -> {
            fresh.add(rs.getString(1));
        });
        return fresh;
    }

    /** Appends event ids with {@code COPY}; a rebuild removes repeats before it builds the primary key. */
    void copyProcessed(ReadModelTables tables, Collection<StreamedEvent> events) {
        PROCESSED.copy(jdbc, tables.processedEvent(), events);
    }

    /** Parked events of these endpoints, by endpoint, in sequence order. */
    Map<String, List<StreamedEvent>> parked(ReadModelTables tables, Collection<String> endpointIds) {
        List<StreamedEvent> parked = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT " + PARKED.names() + " FROM "
                    + tables.parkedEvent() + " WHERE endpoint_id = ANY(?) ORDER BY endpoint_id, sequence");
            statement.setArray(1, connection.createArrayOf(TEXT.arrayType(), endpointIds.toArray()));
            return statement;
        }, (rs, n) -> new StreamedEvent(EVENT_ID.read(rs), ENDPOINT_ID.read(rs), SEQUENCE.read(rs),
                EVENT_TIME.read(rs), StoredJson.read(rs.getString(PAYLOAD.name()), EVENT_TYPES.get(EVENT_TYPE.read(rs)))));
        return parked.stream().collect(Collectors.groupingBy(StreamedEvent::endpointId, LinkedHashMap::new,
                Collectors.toList()));
    }

    /** Parks the events in one statement; one parked before (its record redelivered) stays as it is. */
    void park(ReadModelTables tables, List<StreamedEvent> events, Instant now) {
        if (events.isEmpty()) {
            return;
        }
        List<Parked> rows = events.stream().map(e -> new Parked(e, now)).toList();
        String sql = PARKED.insert(tables.parkedEvent()) + " ON CONFLICT DO NOTHING";
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            PARKED.bind(statement, 1, rows);
            return statement;
        });
    }

    void unpark(ReadModelTables tables, List<StreamedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Parked> rows = events.stream().map(e -> new Parked(e, null)).toList();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(PARKED_KEY.delete(tables.parkedEvent()));
            PARKED_KEY.bind(statement, 1, rows);
            return statement;
        });
    }

    void copyParked(ReadModelTables tables, Collection<StreamedEvent> events, Instant now) {
        PARKED.copy(jdbc, tables.parkedEvent(), events.stream().map(e -> new Parked(e, now)).toList());
    }
}
