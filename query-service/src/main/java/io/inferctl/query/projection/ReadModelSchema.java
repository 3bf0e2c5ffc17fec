package io.inferctl.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;

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
                jdbc.execute("ALTER TABLE " + copy.all().get(i) + " RENAME TO " + live.all().get(i));
            }
            dropInTransaction(retired);
        });
    }

    private void dropInTransaction(ReadModelTables tables) {
        if (tables.equals(ReadModelTables.LIVE)) {
            throw new IllegalArgumentException("the live read model is never dropped");
        }
        jdbc.execute("DROP TABLE IF EXISTS " + String.join(", ", tables.all()));
    }
}
