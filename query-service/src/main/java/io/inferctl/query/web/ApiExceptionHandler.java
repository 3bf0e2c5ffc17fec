package io.inferctl.query.web;

import io.inferctl.query.consistency.ProjectionBehindException;
import io.inferctl.query.consistency.ProjectionPositions;
import io.inferctl.api.problem.ApiProblems;
import io.inferctl.api.problem.FieldError;
import io.inferctl.api.problem.InputErrors;
import io.inferctl.api.problem.ProblemExceptionHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.NonNull;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;

/**
 * Every refusal becomes an {@code application/problem+json} answer with a status the client can
 * act on and, where a parameter is at fault, its name. Nothing a client sends may produce a 500.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ProblemExceptionHandler {

    private final ProjectionPositions positions;

    public ApiExceptionHandler(ProjectionPositions positions) {
        this.positions = positions;
    }

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<ProblemDetail> badParameter(BadParameterException e) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "INVALID_PARAMETER", "Invalid parameter",
                e.getMessage());
        return ApiProblems.answer(ApiProblems.withErrors(problem, List.of(new FieldError(e.parameter(), e.reason()))));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.NOT_FOUND, e.code(), e.title(), e.getMessage());
        List<FieldError> errors = e.parameter() == null ? List.of()
                : List.of(new FieldError(e.parameter(), e.getMessage()));
        return ApiProblems.answer(ApiProblems.withErrors(problem, errors));
    }

    @ExceptionHandler(ProjectionBehindException.class)
    ResponseEntity<ProblemDetail> behind(ProjectionBehindException e) {
        ProblemDetail problem = ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "PROJECTION_BEHIND",
                "Read model not caught up", e.getMessage());
        problem.setProperty("endpointId", e.endpointId());
        problem.setProperty("requestedSequence", e.requestedSequence());
        problem.setProperty("projectedSequence", e.projectedSequence());
        long retryAfter = Math.max(1, positions.properties().retryAfter().toSeconds());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter))
                .body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        FieldError error = InputErrors.typeMismatch(e);
        return badParameter(new BadParameterException(error.field(), error.reason()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception e, Object problemBody,
                                                             @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode status,
                                                             @NonNull WebRequest request) {
        return InputErrors.missing(e).<ResponseEntity<Object>>map(missing -> ResponseEntity.status(HttpStatus.BAD_REQUEST)
                        .headers(headers)
                        .body(badParameter(new BadParameterException(missing.field(), missing.reason())).getBody()))
                .orElseGet(() -> super.handleExceptionInternal(e, problemBody, headers, status, request));
    }
}
