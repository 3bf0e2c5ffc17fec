package io.inferctl.command.eventstore;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** As the PostgreSQL driver reports a lost append: a batch's exception caused by a unique violation. */
class PostgresDuplicateKeyResolverTest {

    private final PostgresDuplicateKeyResolver resolver = new PostgresDuplicateKeyResolver();

    @Test
    void aUniqueViolationInsideABatchIsADuplicateKey() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO domain_event_entry was aborted",
                (String) null, 0, new int[0], new PSQLException("duplicate key value", PSQLState.UNIQUE_VIOLATION));

        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", batch))).isTrue();
    }

    @Test
    void otherDatabaseFailuresAreNot() {
        SQLException lost = new PSQLException("connection lost", PSQLState.CONNECTION_FAILURE);
        SQLException notNull = new PSQLException("null value", PSQLState.NOT_NULL_VIOLATION);

        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(lost))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(notNull))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
