package io.inferctl.query.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.version.VersionStatus;
import io.inferctl.query.projection.model.TimelineEntry;
import io.inferctl.query.projection.model.VersionRow;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static io.inferctl.query.projection.ColumnType.INTEGER;
import static io.inferctl.query.projection.ColumnType.TEXT;
import static io.inferctl.query.projection.ColumnType.TIMESTAMPTZ;
import static io.inferctl.query.projection.ColumnType.enumOf;

/**
 * The versions' timelines ({@code version_timeline}): one row per step of a version's life,
 * numbered from 0 in the order they happened, and only ever appended to.
 */
public final class TimelineTable {

    /** One stored step: the version it belongs to and its place in that version's timeline. */
    record Step(String endpointId, int version, int ordinal, TimelineEntry entry) {
    }

    private static final Column<Step, String> ENDPOINT_ID = Column.of("endpoint_id", TEXT, Step::endpointId);
    private static final Column<Step, Integer> VERSION = Column.of("version", INTEGER, Step::version);
    private static final Column<Step, Integer> ORDINAL = Column.of("ordinal", INTEGER, Step::ordinal);
    private static final Column<Step, String> EVENT = Column.of("event", TEXT, s -> s.entry().event());
    private static final Column<Step, VersionStatus> STATUS =
            Column.of("status", enumOf(VersionStatus.class), s -> s.entry().status());
    private static final Column<Step, RolloutPhase> PHASE =
            Column.of("phase", enumOf(RolloutPhase.class), s -> s.entry().phase());
    private static final Column<Step, Instant> OCCURRED_AT = Column.of("occurred_at", TIMESTAMPTZ, s -> s.entry().at());
    private static final Column<Step, String> CAUSED_BY = Column.of("caused_by", TEXT, s -> s.entry().by());
    private static final Column<Step, String> MESSAGE = Column.of("message", TEXT, s -> s.entry().message());

    static final Columns<Step> COLUMNS = new Columns<>(ENDPOINT_ID, VERSION, ORDINAL, EVENT, STATUS, PHASE,
            OCCURRED_AT, CAUSED_BY, MESSAGE);
    /** What {@link #entries(String)} reads, in its order: a step's entry without its place. */
    private static final Columns<Step> ENTRY = new Columns<>(EVENT, STATUS, PHASE, OCCURRED_AT, CAUSED_BY, MESSAGE);

    private TimelineTable() {
    }

    /**
     * A select-list expression with the whole timeline of the version {@code alias} names, oldest
     * first, as a JSON array of arrays that {@link #entries(String)} reads: one statement reads a
     * page of versions with their timelines, from one snapshot.
     */
    public static String aggregate(String timelineTable, String alias) {
        return "(SELECT json_agg(json_build_array(" + ENTRY.names() + ") ORDER BY ordinal) FROM " + timelineTable
                + " s WHERE s.endpoint_id = " + alias + ".endpoint_id AND s.version = " + alias + ".version)";
    }

    /** The entries of a timeline {@link #aggregate} read (none when the version has none). */
    public static List<TimelineEntry> entries(String aggregate) {
        if (aggregate == null) {
            return List.of();
        }
        try {
            JsonNode steps = StoredJson.JSON.readTree(aggregate);
            List<TimelineEntry> entries = new ArrayList<>(steps.size());
            for (JsonNode step : steps) {
                entries.add(new TimelineEntry(step.get(0).asText(), named(VersionStatus.class, step.get(1)),
                        named(RolloutPhase.class, step.get(2)),
                        step.get(3).isNull() ? null : OffsetDateTime.parse(step.get(3).asText()).toInstant(),
                        text(step.get(4)), text(step.get(5))));
            }
            return entries;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a timeline aggregate is not JSON", e);
        }
    }

    /** The steps the rows added since they were loaded (all of a new row's), each at its place. */
    static List<Step> newSteps(Collection<VersionRow> rows) {
        List<Step> steps = new ArrayList<>();
        for (VersionRow row : rows) {
            int ordinal = row.timelineStart();
            for (TimelineEntry entry : row.timeline()) {
                steps.add(new Step(row.endpointId(), row.version(), ordinal++, entry));
            }
        }
        return steps;
    }

    /** The insert that appends steps; {@link #bindAppend} binds them. */
    static String append(ReadModelTables tables) {
        return COLUMNS.insert(tables.versionTimeline());
    }

    static void bindAppend(PreparedStatement statement, int firstParameter, List<Step> steps) throws SQLException {
        COLUMNS.bind(statement, firstParameter, steps);
    }

    static void copy(JdbcTemplate jdbc, ReadModelTables tables, Collection<VersionRow> rows) {
        COLUMNS.copy(jdbc, tables.versionTimeline(), newSteps(rows));
    }

    private static <E extends Enum<E>> E named(Class<E> type, JsonNode name) {
        return name.isNull() ? null : Enum.valueOf(type, name.asText());
    }

    private static String text(JsonNode value) {
        return value.isNull() ? null : value.asText();
    }
}
