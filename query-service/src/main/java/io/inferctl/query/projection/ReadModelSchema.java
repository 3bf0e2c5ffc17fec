package io.inferctl.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Creates, swaps and drops sets of read-model tables. Copies are made with
 * {@code LIKE ... INCLUDING ALL} from the live tables, so they always have the schema Flyway gave
 * the live ones, indexes included.
 */
public class ReadModelSchema {

    private static final String RETIRED_PREFIX = "retired_";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public ReadModelSchema(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Fresh, empty copies of the live tables under the given names (replacing any left from an earlier try). */
    public void createEmptyCopy(ReadModelTables copy) {
        transactions.executeWithoutResult(status -> {
            dropInTransaction(copy);
            for (int i = 0; i < copy.all().size(); i++) {
                jdbc.execute("CREATE TABLE " + copy.all().get(i) + " (LIKE " + ReadModelTables.LIVE.all().get(i)
                        + " INCLUDING ALL)");
            }
        });
    }

    /**
     * Fresh, empty copies of the live tables without their indexes, to be filled in bulk: only the
     * versions' primary key is built now, since a replay updates and looks up versions by it. The
     * other indexes follow in {@link #completeCopy}, once the rows are in: building an index from a
     * full table is much cheaper than maintaining it row by row.
     */
    public void createBareCopy(ReadModelTables copy) {
        transactions.executeWithoutResult(status -> {
            dropInTransaction(copy);
            for (int i = 0; i < copy.all().size(); i++) {
                jdbc.execute("CREATE TABLE " + copy.all().get(i) + " (LIKE " + ReadModelTables.LIVE.all().get(i)
                        + " INCLUDING ALL EXCLUDING INDEXES)");
            }
            copyIndexes(ReadModelTables.LIVE.version(), copy.version(), copy.prefix());
        });
    }

    /**
     * Gives a copy made by {@link #createBareCopy} the rest of the live tables' indexes and fresh
     * planner statistics. An event id appended twice (the topic may hold a record twice) is kept once.
     */
    public void completeCopy(ReadModelTables copy) {
        jdbc.execute("DELETE FROM " + copy.processedEvent() + " a USING (SELECT event_id, min(ctid) AS first FROM "
                + copy.processedEvent() + " GROUP BY event_id HAVING count(*) > 1) d"
                + " WHERE a.event_id = d.event_id AND a.ctid <> d.first");
        for (int i = 0; i < copy.all().size(); i++) {
            String table = copy.all().get(i);
            if (!table.equals(copy.version())) {
                copyIndexes(ReadModelTables.LIVE.all().get(i), table, copy.prefix());
            }
            jdbc.execute("ANALYZE " + table);
        }
    }

    /**
     * Creates the live table's indexes (and the constraints they back) on the copy, each named as the
     * live one with the copy's prefix, so that {@link #swapIntoLive} can give them the live names back.
     */
    private void copyIndexes(String liveTable, String copyTable, String prefix) {
        List<Map<String, Object>> indexes = jdbc.queryForList("""
                SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition,
                       pg_get_constraintdef(c.oid) AS constraint_definition
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = t.oid
                WHERE t.relname = ? AND t.relnamespace = current_schema()::regnamespace
                ORDER BY i.relname""", liveTable);
        for (Map<String, Object> index : indexes) {
            String name = prefix + index.get("name");
            String constraint = (String) index.get("constraint_definition");
            if (constraint != null) {
                jdbc.execute("ALTER TABLE " + copyTable + " ADD CONSTRAINT " + name + " " + constraint);
            } else {
                String definition = (String) index.get("definition");
                String unique = definition.startsWith("CREATE UNIQUE") ? "UNIQUE " : "";
                jdbc.execute("CREATE " + unique + "INDEX " + name + " ON " + copyTable
                        + definition.substring(definition.indexOf(" USING ")));
            }
        }
    }

    public void drop(ReadModelTables tables) {
        transactions.executeWithoutResult(status -> dropInTransaction(tables));
    }

    /**
     * Makes the copy the live tables in one transaction: readers see either the old tables or the
     * new ones, never a mix. Readers in flight finish first (the renames wait for their locks);
     * readers arriving meanwhile wait at most {@code lockTimeout}, as long as this takes.
     */
    public void swapIntoLive(ReadModelTables copy, Duration lockTimeout) {
        ReadModelTables live = ReadModelTables.LIVE;
        ReadModelTables retired = ReadModelTables.withPrefix(RETIRED_PREFIX);
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
            jdbc.execute("LOCK TABLE " + String.join(", ", live.all()) + " IN ACCESS EXCLUSIVE MODE");
            dropInTransaction(retired);
            for (int i = 0; i < live.all().size(); i++) {
                jdbc.execute("ALTER TABLE " + live.all().get(i) + " RENAME TO " + retired.all().get(i));
            }
            // Frees the live index names for the copy's indexes, which take them over below.
            dropInTransaction(retired);
            for (int i = 0; i < live.all().size(); i++) {
                jdbc.execute("ALTER TABLE " + copy.all().get(i) + " RENAME TO " + live.all().get(i));
                for (String index : jdbc.queryForList("SELECT indexrelid::regclass::text FROM pg_index"
                        + " WHERE indrelid = ?::regclass", String.class, live.all().get(i))) {
                    if (index.startsWith(copy.prefix()) && !copy.prefix().isEmpty()) {
                        jdbc.execute("ALTER INDEX " + index + " RENAME TO " + index.substring(copy.prefix().length()));
                    }
                }
            }
        });
    }

    private void dropInTransaction(ReadModelTables tables) {
        if (tables.equals(ReadModelTables.LIVE)) {
            throw new IllegalArgumentException("the live read model is never dropped");
        }
        jdbc.execute("DROP TABLE IF EXISTS " + String.join(", ", tables.all()));
    }
}
