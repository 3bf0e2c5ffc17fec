package io.inferctl.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.events.EndpointEvent;
import io.inferctl.events.EventCatalog;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.rollout.FailureCategory;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionOrigin;
import io.inferctl.events.version.VersionStatus;
import io.inferctl.query.projection.ProjectionBatch.VersionKey;
import io.inferctl.query.projection.model.AuditEntryRow;
import io.inferctl.query.projection.model.EndpointRow;
import io.inferctl.query.projection.model.Failure;
import io.inferctl.query.projection.model.TimelineEntry;
import io.inferctl.query.projection.model.VersionRow;
import io.inferctl.stream.EventJson;
import io.inferctl.stream.StreamedEvent;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads and writes read-model rows in bulk: arrays for lookups ({@code = ANY}, {@code unnest}) and
 * JDBC batches for writes, so a batch of events costs the same few round trips as a single one.
 * Table names come from {@link ReadModelTables}, whose prefixes are checked, never from input.
 */
public class ReadModelStore {

    /** Snapshots, changes and timelines are stored in the event contract's own JSON form. */
    static final ObjectMapper JSON = EventJson.newMapper();
    private static final TypeReference<List<FieldChange>> CHANGES = new TypeReference<>() {
    };
    private static final TypeReference<List<TimelineEntry>> TIMELINE = new TypeReference<>() {
    };
    private static final Map<String, Class<? extends EndpointEvent>> EVENT_TYPES = EventCatalog.events().stream()
            .collect(Collectors.toMap(Class::getSimpleName, Function.identity()));

    private final JdbcTemplate jdbc;

    public ReadModelStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the events as received; returns the ids that were not received before. */
    Set<String> markReceived(ReadModelTables tables, List<StreamedEvent> events) {
        String sql = "INSERT INTO " + tables.processedEvent() + " (event_id, endpoint_id, sequence) "
                + "SELECT * FROM unnest(?::text[], ?::text[], ?::bigint[]) ON CONFLICT DO NOTHING RETURNING event_id";
        Set<String> fresh = new HashSet<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setArray(1, texts(connection, events.stream().map(StreamedEvent::eventId).toList()));
            statement.setArray(2, texts(connection, events.stream().map(StreamedEvent::endpointId).toList()));
            statement.setArray(3, connection.createArrayOf("bigint",
                    events.stream().map(StreamedEvent::sequence).toArray()));
            return statement;
        }, (ResultSet rs) -> {
            fresh.add(rs.getString(1));
        });
        return fresh;
    }

    List<EndpointRow> endpoints(ReadModelTables tables, Collection<String> endpointIds) {
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT * FROM " + tables.endpoint() + " WHERE endpoint_id = ANY(?)");
            statement.setArray(1, texts(connection, endpointIds));
            return statement;
        }, (rs, n) -> endpoint(rs));
    }

    /**
     * The versions' rows for the projector, without their snapshot, changes and timeline: the first
     * two never change after creation and the timeline only grows ({@link #updateRolloutStates}
     * appends to it), and not reading and parsing them again is most of what makes a rollout event cheap.
     */
    List<VersionRow> versions(ReadModelTables tables, Collection<VersionKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT v.endpoint_id, v.version, v.status,"
                    + " v.phase, v.origin, v.rollback_of, v.created_by, v.created_at, v.comment, v.failure_category,"
                    + " v.failure_code, v.failure_message, v.failure_step, v.cancellation_requested"
                    + " FROM " + tables.version() + " v"
                    + " JOIN unnest(?::text[], ?::integer[]) AS k(endpoint_id, version) USING (endpoint_id, version)");
            statement.setArray(1, texts(connection, keys.stream().map(VersionKey::endpointId).toList()));
            statement.setArray(2, connection.createArrayOf("integer", keys.stream().map(VersionKey::version).toArray()));
            return statement;
        }, (rs, n) -> VersionRow.rolloutState(rs.getString("endpoint_id"), rs.getInt("version"),
                VersionStatus.valueOf(rs.getString("status")), enumOf(RolloutPhase.class, rs.getString("phase")),
                VersionOrigin.valueOf(rs.getString("origin")), rs.getObject("rollback_of", Integer.class),
                rs.getString("created_by"), instant(rs, "created_at"), rs.getString("comment"), failure(rs),
                rs.getBoolean("cancellation_requested")));
    }

    /** Parked events of these endpoints, by endpoint, in sequence order. */
    Map<String, List<StreamedEvent>> parked(ReadModelTables tables, Collection<String> endpointIds) {
        List<StreamedEvent> parked = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("SELECT * FROM " + tables.parkedEvent()
                    + " WHERE endpoint_id = ANY(?) ORDER BY endpoint_id, sequence");
            statement.setArray(1, texts(connection, endpointIds));
            return statement;
        }, (rs, n) -> new StreamedEvent(rs.getString("event_id"), rs.getString("endpoint_id"), rs.getLong("sequence"),
                instant(rs, "event_time"), read(rs.getString("payload"), EVENT_TYPES.get(rs.getString("event_type")))));
        return parked.stream().collect(Collectors.groupingBy(StreamedEvent::endpointId, LinkedHashMap::new,
                Collectors.toList()));
    }

    void park(ReadModelTables tables, List<StreamedEvent> events, Instant now) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO " + tables.parkedEvent()
                        + " (endpoint_id, sequence, event_id, event_time, event_type, payload, parked_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT DO NOTHING",
                events, 500, (ps, e) -> {
                    ps.setString(1, e.endpointId());
                    ps.setLong(2, e.sequence());
                    ps.setString(3, e.eventId());
                    ps.setObject(4, time(e.time()));
                    ps.setString(5, e.type());
                    ps.setString(6, write(e.event()));
                    ps.setObject(7, time(now));
                });
    }

    void unpark(ReadModelTables tables, List<StreamedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("DELETE FROM " + tables.parkedEvent() + " WHERE endpoint_id = ? AND sequence = ?",
                events, 500, (ps, e) -> {
                    ps.setString(1, e.endpointId());
                    ps.setLong(2, e.sequence());
                });
    }

    /**
     * Inserts or updates the endpoints' rows in one statement. The rows come as one array per column
     * ({@code unnest}): one round trip and one cached plan whatever the batch's size, where a
     * rewritten JDBC batch is cut into several multi-row statements of different shapes.
     */
    void saveEndpoints(ReadModelTables tables, List<EndpointRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("INSERT INTO " + tables.endpoint()
                    + " (endpoint_id, name, status, current_version, latest_version, in_progress_version,"
                    + " in_progress_status, in_progress_phase, cancellation_requested, last_sequence, created_at,"
                    + " updated_at, deleted_at, deleted_by)"
                    + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::integer[], ?::integer[], ?::integer[],"
                    + " ?::text[], ?::text[], ?::boolean[], ?::bigint[], ?::timestamptz[], ?::timestamptz[],"
                    + " ?::timestamptz[], ?::text[])"
                    + " ON CONFLICT (endpoint_id) DO UPDATE SET name = excluded.name, status = excluded.status,"
                    + " current_version = excluded.current_version, latest_version = excluded.latest_version,"
                    + " in_progress_version = excluded.in_progress_version,"
                    + " in_progress_status = excluded.in_progress_status,"
                    + " in_progress_phase = excluded.in_progress_phase,"
                    + " cancellation_requested = excluded.cancellation_requested,"
                    + " last_sequence = excluded.last_sequence, updated_at = excluded.updated_at,"
                    + " deleted_at = excluded.deleted_at, deleted_by = excluded.deleted_by");
            statement.setArray(1, texts(connection, rows.stream().map(EndpointRow::endpointId).toList()));
            statement.setArray(2, texts(connection, rows.stream().map(EndpointRow::name).toList()));
            statement.setArray(3, texts(connection, rows.stream().map(r -> r.status().name()).toList()));
            statement.setArray(4, integers(connection, rows.stream().map(EndpointRow::currentVersion).toList()));
            statement.setArray(5, integers(connection, rows.stream().map(r -> (Integer) r.latestVersion()).toList()));
            statement.setArray(6, integers(connection, rows.stream().map(EndpointRow::inProgressVersion).toList()));
            statement.setArray(7, texts(connection, rows.stream().map(r -> name(r.inProgressStatus())).toList()));
            statement.setArray(8, texts(connection, rows.stream().map(r -> name(r.inProgressPhase())).toList()));
            statement.setArray(9, connection.createArrayOf("boolean",
                    rows.stream().map(EndpointRow::cancellationRequested).toArray()));
            statement.setArray(10, connection.createArrayOf("bigint", rows.stream().map(EndpointRow::lastSequence).toArray()));
            statement.setArray(11, times(connection, rows.stream().map(EndpointRow::createdAt).toList()));
            statement.setArray(12, times(connection, rows.stream().map(EndpointRow::updatedAt).toList()));
            statement.setArray(13, times(connection, rows.stream().map(EndpointRow::deletedAt).toList()));
            statement.setArray(14, texts(connection, rows.stream().map(EndpointRow::deletedBy).toList()));
            return statement;
        });
    }

    /** Inserts the versions' rows in one statement, one array per column (see {@link #saveEndpoints}). */
    void insertVersions(ReadModelTables tables, List<VersionRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("INSERT INTO " + tables.version()
                    + " (endpoint_id, version, status, phase, origin, rollback_of, created_by, created_at, comment,"
                    + " config, changes, failure_category, failure_code, failure_message, failure_step,"
                    + " cancellation_requested, timeline)"
                    + " SELECT endpoint_id, version, status, phase, origin, rollback_of, created_by, created_at, comment,"
                    + " config::json, changes::json, failure_category, failure_code, failure_message, failure_step,"
                    + " cancellation_requested, timeline::json"
                    + " FROM unnest(?::text[], ?::integer[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::text[],"
                    + " ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                    + " ?::boolean[], ?::text[]) AS u(endpoint_id, version, status, phase, origin, rollback_of,"
                    + " created_by, created_at, comment, config, changes, failure_category, failure_code,"
                    + " failure_message, failure_step, cancellation_requested, timeline)");
            statement.setArray(1, texts(connection, rows.stream().map(VersionRow::endpointId).toList()));
            statement.setArray(2, integers(connection, rows.stream().map(r -> (Integer) r.version()).toList()));
            statement.setArray(3, texts(connection, rows.stream().map(r -> r.status().name()).toList()));
            statement.setArray(4, texts(connection, rows.stream().map(r -> name(r.phase())).toList()));
            statement.setArray(5, texts(connection, rows.stream().map(r -> r.origin().name()).toList()));
            statement.setArray(6, integers(connection, rows.stream().map(VersionRow::rollbackOf).toList()));
            statement.setArray(7, texts(connection, rows.stream().map(VersionRow::createdBy).toList()));
            statement.setArray(8, times(connection, rows.stream().map(VersionRow::createdAt).toList()));
            statement.setArray(9, texts(connection, rows.stream().map(VersionRow::comment).toList()));
            statement.setArray(10, texts(connection, rows.stream().map(r -> write(r.config())).toList()));
            statement.setArray(11, texts(connection, rows.stream().map(r -> write(r.changes())).toList()));
            statement.setArray(12, texts(connection, rows.stream()
                    .map(r -> r.failure() == null ? null : name(r.failure().category())).toList()));
            statement.setArray(13, texts(connection, rows.stream()
                    .map(r -> r.failure() == null ? null : name(r.failure().code())).toList()));
            statement.setArray(14, texts(connection, rows.stream()
                    .map(r -> r.failure() == null ? null : r.failure().message()).toList()));
            statement.setArray(15, texts(connection, rows.stream()
                    .map(r -> r.failure() == null ? null : r.failure().step()).toList()));
            statement.setArray(16, connection.createArrayOf("boolean",
                    rows.stream().map(VersionRow::cancellationRequested).toArray()));
            statement.setArray(17, texts(connection, rows.stream().map(r -> write(r.timeline())).toList()));
            return statement;
        });
    }

    /**
     * Writes what rollout events change, all rows in one statement; the snapshot and changes of an
     * existing version are never rewritten, and a row loaded by {@link #versions} sends only its new
     * timeline entries, which are appended to the stored JSON array as text (json keeps the text as
     * written; a cast back to json checks the result).
     */
    void updateRolloutStates(ReadModelTables tables, List<VersionRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("UPDATE " + tables.version() + " v"
                    + " SET status = u.status, phase = u.phase, failure_category = u.failure_category,"
                    + " failure_code = u.failure_code, failure_message = u.failure_message,"
                    + " failure_step = u.failure_step, cancellation_requested = u.cancellation_requested,"
                    + " timeline = CASE WHEN NOT u.appended OR v.timeline::text ~ '^\\[\\s*\\]$' THEN u.timeline::json"
                    + " WHEN u.timeline = '[]' THEN v.timeline"
                    + " ELSE (left(rtrim(v.timeline::text), -1) || ',' || substr(u.timeline, 2))::json END"
                    + " FROM unnest(?::text[], ?::integer[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                    + " ?::text[], ?::boolean[], ?::text[], ?::boolean[]) AS u(endpoint_id, version, status, phase,"
                    + " failure_category, failure_code, failure_message, failure_step, cancellation_requested, timeline,"
                    + " appended)"
                    + " WHERE v.endpoint_id = u.endpoint_id AND v.version = u.version");
            statement.setArray(1, texts(connection, rows.stream().map(VersionRow::endpointId).toList()));
            statement.setArray(2, connection.createArrayOf("integer", rows.stream().map(VersionRow::version).toArray()));
            statement.setArray(3, texts(connection, rows.stream().map(r -> r.status().name()).toList()));
            statement.setArray(4, texts(connection, rows.stream().map(r -> name(r.phase())).toList()));
            statement.setArray(5, texts(connection, rows.stream()
                    .map(r -> r.failure() == null ? null : name(r.failure().category())).toList()));
            statement.setArray(6, texts(connection, rows.stream()
                    .map(r -> r.failure() == null ? null : name(r.failure().code())).toList()));
            statement.setArray(7, texts(connection, rows.stream()
                    .map(r -> r.failure() == null ? null : r.failure().message()).toList()));
            statement.setArray(8, texts(connection, rows.stream()
                    .map(r -> r.failure() == null ? null : r.failure().step()).toList()));
            statement.setArray(9, connection.createArrayOf("boolean",
                    rows.stream().map(VersionRow::cancellationRequested).toArray()));
            statement.setArray(10, texts(connection, rows.stream().map(r -> write(r.timeline())).toList()));
            statement.setArray(11, connection.createArrayOf("boolean",
                    rows.stream().map(VersionRow::timelineAppended).toArray()));
            return statement;
        });
    }

    /**
     * Inserts the audit entries in one statement, one array per column (see {@link #saveEndpoints});
     * each entry's changed fields travel as one {@code text[]} literal, since an array of arrays
     * must be rectangular.
     */
    void insertAuditEntries(ReadModelTables tables, List<AuditEntryRow> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("INSERT INTO " + tables.auditEntry()
                    + " (id, occurred_at, actor, action, endpoint_id, endpoint_name, version, changed_fields,"
                    + " comment, detail)"
                    + " SELECT id, occurred_at, actor, action, endpoint_id, endpoint_name, version,"
                    + " changed_fields::text[], comment, detail"
                    + " FROM unnest(?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[],"
                    + " ?::integer[], ?::text[], ?::text[], ?::text[]) AS u(id, occurred_at, actor, action,"
                    + " endpoint_id, endpoint_name, version, changed_fields, comment, detail)"
                    + " ON CONFLICT DO NOTHING");
            statement.setArray(1, texts(connection, entries.stream().map(AuditEntryRow::id).toList()));
            statement.setArray(2, times(connection, entries.stream().map(AuditEntryRow::occurredAt).toList()));
            statement.setArray(3, texts(connection, entries.stream().map(AuditEntryRow::actor).toList()));
            statement.setArray(4, texts(connection, entries.stream().map(e -> e.action().name()).toList()));
            statement.setArray(5, texts(connection, entries.stream().map(AuditEntryRow::endpointId).toList()));
            statement.setArray(6, texts(connection, entries.stream().map(AuditEntryRow::endpointName).toList()));
            statement.setArray(7, integers(connection, entries.stream().map(AuditEntryRow::version).toList()));
            statement.setArray(8, texts(connection, entries.stream()
                    .map(e -> CopyRows.arrayLiteral(e.changedFields())).toList()));
            statement.setArray(9, texts(connection, entries.stream().map(AuditEntryRow::comment).toList()));
            statement.setArray(10, texts(connection, entries.stream().map(AuditEntryRow::detail).toList()));
            return statement;
        });
    }

    /** Appends rows with {@code COPY}: the rebuild's way to fill empty tables, far cheaper than inserts. */
    void copyProcessedEvents(ReadModelTables tables, Collection<StreamedEvent> events) {
        CopyRows rows = new CopyRows();
        events.forEach(e -> rows.text(e.eventId()).text(e.endpointId()).number(e.sequence()).end());
        copy(tables.processedEvent() + " (event_id, endpoint_id, sequence)", rows);
    }

    void copyVersions(ReadModelTables tables, List<VersionRow> versions) {
        CopyRows rows = new CopyRows();
        for (VersionRow r : versions) {
            Failure failure = r.failure();
            rows.text(r.endpointId()).number(r.version()).text(r.status().name()).text(name(r.phase()))
                    .text(r.origin().name()).number(r.rollbackOf()).text(r.createdBy()).time(r.createdAt())
                    .text(r.comment()).text(write(r.config())).text(write(r.changes()))
                    .text(failure == null ? null : name(failure.category()))
                    .text(failure == null ? null : name(failure.code()))
                    .text(failure == null ? null : failure.message()).text(failure == null ? null : failure.step())
                    .bool(r.cancellationRequested()).text(write(r.timeline())).end();
        }
        copy(tables.version() + " (endpoint_id, version, status, phase, origin, rollback_of, created_by, created_at,"
                + " comment, config, changes, failure_category, failure_code, failure_message, failure_step,"
                + " cancellation_requested, timeline)", rows);
    }

    void copyAuditEntries(ReadModelTables tables, List<AuditEntryRow> entries) {
        CopyRows rows = new CopyRows();
        entries.forEach(e -> rows.text(e.id()).time(e.occurredAt()).text(e.actor()).text(e.action().name())
                .text(e.endpointId()).text(e.endpointName()).number(e.version()).texts(e.changedFields())
                .text(e.comment()).text(e.detail()).end());
        copy(tables.auditEntry() + " (id, occurred_at, actor, action, endpoint_id, endpoint_name, version,"
                + " changed_fields, comment, detail)", rows);
    }

    void copyEndpoints(ReadModelTables tables, Collection<EndpointRow> endpoints) {
        CopyRows rows = new CopyRows();
        endpoints.forEach(r -> rows.text(r.endpointId()).text(r.name()).text(r.status().name())
                .number(r.currentVersion()).number(r.latestVersion()).number(r.inProgressVersion())
                .text(name(r.inProgressStatus())).text(name(r.inProgressPhase())).bool(r.cancellationRequested())
                .number(r.lastSequence()).time(r.createdAt()).time(r.updatedAt()).time(r.deletedAt())
                .text(r.deletedBy()).end());
        copy(tables.endpoint() + " (endpoint_id, name, status, current_version, latest_version, in_progress_version,"
                + " in_progress_status, in_progress_phase, cancellation_requested, last_sequence, created_at,"
                + " updated_at, deleted_at, deleted_by)", rows);
    }

    void copyParked(ReadModelTables tables, Collection<StreamedEvent> events, Instant now) {
        CopyRows rows = new CopyRows();
        events.forEach(e -> rows.text(e.endpointId()).number(e.sequence()).text(e.eventId()).time(e.time())
                .text(e.type()).text(write(e.event())).time(now).end());
        copy(tables.parkedEvent() + " (endpoint_id, sequence, event_id, event_time, event_type, payload, parked_at)",
                rows);
    }

    private void copy(String tableAndColumns, CopyRows rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + tableAndColumns + " FROM STDIN", rows.reader());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public static EndpointRow endpoint(ResultSet rs) throws SQLException {
        return new EndpointRow(rs.getString("endpoint_id"), rs.getString("name"),
                rs.getObject("current_version", Integer.class), rs.getInt("latest_version"),
                rs.getObject("in_progress_version", Integer.class),
                enumOf(VersionStatus.class, rs.getString("in_progress_status")),
                enumOf(RolloutPhase.class, rs.getString("in_progress_phase")),
                rs.getBoolean("cancellation_requested"), rs.getLong("last_sequence"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "deleted_at"), rs.getString("deleted_by"));
    }

    public static VersionRow version(ResultSet rs) throws SQLException {
        Failure failure = failure(rs);
        return new VersionRow(rs.getString("endpoint_id"), rs.getInt("version"),
                VersionStatus.valueOf(rs.getString("status")), enumOf(RolloutPhase.class, rs.getString("phase")),
                VersionOrigin.valueOf(rs.getString("origin")), rs.getObject("rollback_of", Integer.class),
                rs.getString("created_by"), instant(rs, "created_at"), rs.getString("comment"),
                read(rs.getString("config"), EndpointConfig.class), read(rs.getString("changes"), CHANGES), failure,
                rs.getBoolean("cancellation_requested"), read(rs.getString("timeline"), TIMELINE));
    }

    private static Failure failure(ResultSet rs) throws SQLException {
        String failureCode = rs.getString("failure_code");
        return failureCode == null ? null : new Failure(
                enumOf(FailureCategory.class, rs.getString("failure_category")), FailureCode.valueOf(failureCode),
                rs.getString("failure_message"), rs.getString("failure_step"));
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Array texts(Connection connection, Collection<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    private static Array integers(Connection connection, List<Integer> values) throws SQLException {
        return connection.createArrayOf("integer", values.toArray());
    }

    /** Instants as ISO-8601 text, which PostgreSQL reads as the same timestamptz. */
    private static Array times(Connection connection, List<Instant> values) throws SQLException {
        return texts(connection, values.stream().map(value -> value == null ? null : value.toString()).toList());
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not read as " + type.getSimpleName(), e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not read as " + type.getType(), e);
        }
    }
}
