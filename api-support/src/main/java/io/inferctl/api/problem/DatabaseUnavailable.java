package io.inferctl.api.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure comes from the database being out of reach rather than from a bug: the
 * connection pool found no connection in time, the server refused a connection or ended a session
 * (restart, {@code pg_terminate_backend}, {@code ALLOW_CONNECTIONS false}), or a connection broke.
 * Such a request may simply be retried once the database is back, so it is answered 503, not 500.
 */
public final class DatabaseUnavailable {

    /** SQLState classes: 08 connection exception, 57P operator intervention (shutdown, terminated, cannot connect now). */
    private static final String CONNECTION_EXCEPTION = "08";
    private static final String OPERATOR_INTERVENTION = "57P";
    /** Too many connections: the server turns new sessions away. */
    private static final String TOO_MANY_CONNECTIONS = "53300";

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure} or any of its causes says the database could not be reached. */
    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith(CONNECTION_EXCEPTION) || state.startsWith(OPERATOR_INTERVENTION)
                        || state.equals(TOO_MANY_CONNECTIONS)) {
                    return true;
                }
            }
        }
        return false;
    }
}
