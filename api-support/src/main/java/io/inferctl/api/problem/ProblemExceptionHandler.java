package io.inferctl.api.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.NonNull;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Spring MVC's own refusals (unknown path, 405, 406, 415, ...) in our form, the database out of
 * reach as a 503 logged at WARN (see {@link DatabaseUnavailable}), and anything else unexpected
 * as a 500 logged at ERROR. A service with refusals of its own extends this class; one without
 * (the rollout worker) imports it as it is.
 */
@RestControllerAdvice
public class ProblemExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);
    static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
    /** A restarted PostgreSQL or a pool reconnecting is back within seconds; a client waits this long first. */
    static final String DATABASE_RETRY_AFTER_SECONDS = "2";

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnavailable.causes(e)) {
            log.warn("Database unavailable while handling a request: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS).body(ApiProblems.problem(
                    HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, "Database unavailable",
                    "The database could not be reached; retry the request (a change with the same Idempotency-Key)."));
        }
        log.error("Unexpected failure while handling a request", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ApiProblems.problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error",
                "The request could not be completed because of an internal error; it may be retried."));
    }

    /** Spring warns about every 405 on its own logger; {@link Refusals} logs and counts it like any refusal. */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(@NonNull HttpRequestMethodNotSupportedException e,
                                                                         @NonNull HttpHeaders headers,
                                                                         @NonNull HttpStatusCode status,
                                                                         @NonNull WebRequest request) {
        return handleExceptionInternal(e, null, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception e, Object body,
                                                             @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode status,
                                                             @NonNull WebRequest request) {
        return super.handleExceptionInternal(e, ApiProblems.inOurForm(e, body, status), headers, status, request);
    }
}
