package io.inferctl.query.projection;

import com.fasterxml.jackson.core.type.TypeReference;
import io.inferctl.query.projection.model.TimelineEntry;
import io.inferctl.query.projection.model.VersionRow;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static io.inferctl.query.projection.ColumnType.INTEGER;
import static io.inferctl.query.projection.ColumnType.TEXT;
import static io.inferctl.query.projection.ColumnType.json;

/**
 * The versions' timelines ({@code version_timeline}): one row per step of a version's life,
 * numbered from 0 in the order they happened, and only ever appended to. A step is stored as the
 * JSON text the API hands out (json keeps the text as written), so a history page joins the steps'
 * text into the timeline's array and neither parses nor renders them.
 */
public final class TimelineTable {

    /** One stored step: the version it belongs to and its place in that version's timeline. */
    record Step(String endpointId, int version, int ordinal, TimelineEntry entry) {
    }

    private static final Column<Step, String> ENDPOINT_ID = Column.of("endpoint_id", TEXT, Step::endpointId);
    private static final Column<Step, Integer> VERSION = Column.of("version", INTEGER, Step::version);
    private static final Column<Step, Integer> ORDINAL = Column.of("ordinal", INTEGER, Step::ordinal);
    private static final Column<Step, TimelineEntry> STEP = Column.of("step", json("json", TimelineEntry.class),
            Step::entry);

    private static final Columns<Step> COLUMNS = new Columns<>(ENDPOINT_ID, VERSION, ORDINAL, STEP);

    private TimelineTable() {
    }

    /**
     * A select-list expression with the whole timeline of the version {@code alias} names, oldest
     * first, as one JSON array: the steps' stored text joined as the event contract's mapper joins
     * a list's elements, so the array reads exactly as a timeline rendered whole would. One statement
     * reads a page of versions with their timelines, from one snapshot.
     */
    public static String aggregate(String timelineTable, String alias) {
        return "(SELECT coalesce('[' || string_agg(s.step::text, ',' ORDER BY s.ordinal) || ']', '[]') FROM "
                + timelineTable + " s WHERE s.endpoint_id = " + alias + ".endpoint_id AND s.version = " + alias
                + ".version)";
    }

    /** The entries of a timeline {@link #aggregate} read. */
    static List<TimelineEntry> entries(String aggregate) {
        return StoredJson.read(aggregate, new TypeReference<>() {
        });
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
}
