package io.inferctl.api.problem;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite made PostgreSQL refuse connections for 10 s: an append whose session was ended
 * ({@code FATAL: terminating connection due to administrator command}, SQLState 57P01, inside Axon's
 * event store exception) was answered 500 INTERNAL_ERROR and logged at ERROR as a bug. It is an outage.
 */
class DatabaseUnavailableTest {

    private final ProblemExceptionHandler handler = new ProblemExceptionHandler();

    @Test
    void aSessionEndedByTheServerDeepInsideOtherExceptionsIsAnOutage() {
        SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO domain_event_entry ...", "57P01",
                0, new int[0], terminated);
        RuntimeException eventStore = new IllegalStateException("An event for aggregate [x] at sequence [9] was already inserted",
                batch);

        assertThat(DatabaseUnavailable.causes(eventStore)).isTrue();
        ResponseEntity<ProblemDetail> answer = handler.unexpected(eventStore);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getBody().getProperties()).containsEntry("code", ProblemExceptionHandler.DATABASE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
    }

    @Test
    void noConnectionFromThePoolInTimeIsAnOutage() {
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("could not open a transaction",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(DatabaseUnavailable.causes(new SQLException("Connection refused", "08001"))).isTrue();
    }

    @Test
    void aConstraintViolationOrABugIsNot() {
        assertThat(DatabaseUnavailable.causes(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseUnavailable.causes(new SQLException("no state"))).isFalse();
        ResponseEntity<ProblemDetail> answer = handler.unexpected(new IllegalStateException("a bug"));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
