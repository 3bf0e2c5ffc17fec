package io.inferctl.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
     * Building the indexes is sorting the tables' rows, so they are built {@code parallelism} at a
     * time, each with {@code maintenanceWorkMem} to sort in memory rather than in temporary files;
     * primary keys are built as plain unique indexes first and attached afterwards, because adding
     * one directly would lock its table against the other builds.
     */
    public void completeCopy(ReadModelTables copy, int parallelism, String maintenanceWorkMem) {
        jdbc.execute("DELETE FROM " + copy.processedEvent() + " a USING (SELECT event_id, min(ctid) AS first FROM "
                + copy.processedEvent() + " GROUP BY event_id HAVING count(*) > 1) d"
                + " WHERE a.event_id = d.event_id AND a.ctid <> d.first");
        List<IndexDefinition> indexes = new ArrayList<>();
        for (int i = 0; i < copy.all().size(); i++) {
            if (!copy.all().get(i).equals(copy.version())) {
                indexes.addAll(indexes(ReadModelTables.LIVE.all().get(i), copy.all().get(i), copy.prefix()));
            }
        }
        List<Runnable> builds = new ArrayList<>();
        indexes.forEach(index -> builds.add(() -> transactions.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT set_config('maintenance_work_mem', ?, true)", String.class, maintenanceWorkMem);
            jdbc.execute(index.createStatement());
        })));
        inParallel(builds, parallelism);
        transactions.executeWithoutResult(status -> indexes.stream().filter(index -> index.constraint() != null)
                .forEach(index -> jdbc.execute("ALTER TABLE " + index.table() + " ADD CONSTRAINT " + index.name() + " "
                        + index.constraint() + " USING INDEX " + index.name())));
        inParallel(copy.all().stream().<Runnable>map(table -> () -> jdbc.execute("ANALYZE " + table)).toList(),
                parallelism);
    }

    /**
     * An index of a live table, to be built on a copy under the copy's prefix, and the constraint
     * (primary key, unique) it backs, if any, written without its columns.
     */
    private record IndexDefinition(String table, String name, String createStatement, String constraint) {
    }

    private static void inParallel(List<Runnable> tasks, int parallelism) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, tasks.size())),
                r -> new Thread(r, "read-model-index-build"));
        try {
            List<Future<?>> running = tasks.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> task : running) {
                try {
                    task.get();
                } catch (ExecutionException e) {
                    running.forEach(other -> other.cancel(true));
                    throw e.getCause() instanceof RuntimeException failure ? failure
                            : new IllegalStateException(e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the rebuild's indexes", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Creates the live table's indexes (and the constraints they back) on the copy, each named as the
     * live one with the copy's prefix, so that {@link #swapIntoLive} can give them the live names back.
     */
    private void copyIndexes(String liveTable, String copyTable, String prefix) {
        for (IndexDefinition index : indexes(liveTable, copyTable, prefix)) {
            jdbc.execute(index.createStatement());
            if (index.constraint() != null) {
                jdbc.execute("ALTER TABLE " + copyTable + " ADD CONSTRAINT " + index.name() + " " + index.constraint()
                        + " USING INDEX " + index.name());
            }
        }
    }

    private List<IndexDefinition> indexes(String liveTable, String copyTable, String prefix) {
        return jdbc.query("""
                SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition, c.contype AS constraint_type
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = t.oid
                WHERE t.relname = ? AND t.relnamespace = current_schema()::regnamespace
                ORDER BY i.relname""", (rs, n) -> {
            String name = prefix + rs.getString("name");
            String definition = rs.getString("definition");
            String unique = definition.startsWith("CREATE UNIQUE") ? "UNIQUE " : "";
            String type = rs.getString("constraint_type");
            String constraint = type == null ? null : switch (type) {
                case "p" -> "PRIMARY KEY";
                case "u" -> "UNIQUE";
                default -> throw new IllegalStateException("index " + rs.getString("name") + " of " + liveTable
                        + " backs a constraint of type " + type + ", which a copy cannot take over");
            };
            return new IndexDefinition(copyTable, name, "CREATE " + unique + "INDEX " + name + " ON " + copyTable
                    + definition.substring(definition.indexOf(" USING ")), constraint);
        }, liveTable);
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
