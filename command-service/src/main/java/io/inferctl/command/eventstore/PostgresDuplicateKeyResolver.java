package io.inferctl.command.eventstore;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Tells Axon that an append lost to another writer of the same (aggregate, sequence), so that it
 * throws a {@code ConcurrencyException} (answered 409) rather than an {@code EventStoreException}
 * (a 500). Axon's {@code JdbcSQLErrorCodesResolver} recognises only
 * {@link java.sql.SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never
 * throws: it reports a unique violation as SQLState 23505, here inside a batch's exception. One
 * instance never meets this (Axon locks the aggregate); two instances writing one endpoint do.
 */
public class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
