package io.inferctl.command.web;

import io.inferctl.api.problem.ApiProblems;
import io.inferctl.api.problem.ProblemExceptionHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.inferctl.command.endpoint.EndpointRefusedException;
import io.inferctl.command.endpoint.FieldViolation;
import io.inferctl.command.endpoint.InvalidEndpointConfigException;
import io.inferctl.command.endpoint.RefusalCode;
import io.inferctl.command.idempotency.DuplicateRequestException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every refusal becomes an {@code application/problem+json} answer with a status the client can act
 * on and, where a field is at fault, its path. Nothing a client sends may produce a 500.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ProblemExceptionHandler {

    private static final Map<RefusalCode, HttpStatus> STATUS = new EnumMap<>(Map.ofEntries(
            Map.entry(RefusalCode.ENDPOINT_NOT_FOUND, HttpStatus.NOT_FOUND),
            Map.entry(RefusalCode.ENDPOINT_DELETED, HttpStatus.GONE),
            Map.entry(RefusalCode.NAME_TAKEN, HttpStatus.CONFLICT),
            Map.entry(RefusalCode.STALE_VERSION, HttpStatus.PRECONDITION_FAILED),
            Map.entry(RefusalCode.ROLLOUT_IN_PROGRESS, HttpStatus.CONFLICT),
            Map.entry(RefusalCode.INVALID_CONFIGURATION, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(RefusalCode.VERSION_NOT_FOUND, HttpStatus.NOT_FOUND),
            Map.entry(RefusalCode.ROLLBACK_TARGET_NOT_FOUND, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(RefusalCode.ROLLBACK_TARGET_NEVER_SERVED, HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry(RefusalCode.VERSION_NOT_IN_PROGRESS, HttpStatus.CONFLICT),
            Map.entry(RefusalCode.ROLLOUT_NOT_STARTED, HttpStatus.CONFLICT),
            Map.entry(RefusalCode.CANCELLATION_NOT_REQUESTED, HttpStatus.CONFLICT),
            Map.entry(RefusalCode.CANCELLED_IS_NOT_A_FAILURE, HttpStatus.UNPROCESSABLE_ENTITY)));

    private static final Map<RefusalCode, String> FIELD = Map.of(
            RefusalCode.NAME_TAKEN, "name",
            RefusalCode.STALE_VERSION, "If-Match",
            RefusalCode.ROLLBACK_TARGET_NOT_FOUND, "targetVersion",
            RefusalCode.ROLLBACK_TARGET_NEVER_SERVED, "targetVersion",
            RefusalCode.CANCELLED_IS_NOT_A_FAILURE, "code");

    @ExceptionHandler(EndpointRefusedException.class)
    ResponseEntity<ProblemDetail> refused(EndpointRefusedException e) {
        HttpStatus status = STATUS.getOrDefault(e.code(), HttpStatus.CONFLICT);
        ProblemDetail problem = ApiProblems.problem(status, e.code().name(), title(e.code()), e.getMessage());
        e.details().forEach(problem::setProperty);
        List<FieldViolation> violations = e instanceof InvalidEndpointConfigException invalid
                ? invalid.violations()
                : FIELD.containsKey(e.code()) ? List.of(new FieldViolation(FIELD.get(e.code()), e.getMessage())) : List.of();
        return answer(ApiProblems.withErrors(problem, violations));
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        String detail = e.violations().stream().map(v -> v.field() + ": " + v.reason()).collect(Collectors.joining("; "));
        return answer(ApiProblems.withErrors(
                ApiProblems.problem(e.status(), e.code(), e.getMessage(), detail), e.violations()));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return answer(ApiProblems.problem(HttpStatus.NOT_FOUND, RefusalCode.ENDPOINT_NOT_FOUND.name(),
                "Endpoint not found", "No endpoint with id " + e.getAggregateIdentifier() + "."));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e) {
        return answer(ApiProblems.problem(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION", "Concurrent change",
                "Another change to this endpoint was accepted at the same moment; read it again and retry."));
    }

    @ExceptionHandler(DuplicateRequestException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateRequestException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(ApiProblems.problem(HttpStatus.CONFLICT, "IDEMPOTENT_REQUEST_IN_PROGRESS",
                        "Same request in progress", e.getMessage() + "; retry to receive its answer."));
    }

    @ExceptionHandler(CommandTimeoutException.class)
    ResponseEntity<ProblemDetail> timeout(CommandTimeoutException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "COMMAND_TIMEOUT", "Outcome unknown",
                        e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
        return rejected(RequestRejectedException.malformed(e.getName(), "must be " + expected));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof PayloadTooLargeException tooLarge) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(ApiProblems.problem(
                    HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", "Request body too large", tooLarge.getMessage()));
        }
        FieldViolation violation = unreadable(cause);
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "The request does not match the API's shape.", violation.field() + ": " + violation.reason());
        return ResponseEntity.badRequest().body(ApiProblems.withErrors(problem, List.of(violation)));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception e, Object problemBody,
                                                             @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode status,
                                                             @NonNull WebRequest request) {
        if (e instanceof MissingRequestHeaderException missing) {
            ProblemDetail problem = ApiProblems.problem(status, "MALFORMED_REQUEST", "Missing header",
                    missing.getHeaderName() + ": is required");
            return ResponseEntity.status(status).headers(headers).body(ApiProblems.withErrors(problem,
                    List.of(new FieldViolation(missing.getHeaderName(), "is required"))));
        }
        return super.handleExceptionInternal(e, problemBody, headers, status, request);
    }

    private static FieldViolation unreadable(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldViolation(path(unknown), "is not a known field");
        }
        if (cause instanceof InvalidFormatException invalid) {
            return new FieldViolation(path(invalid), "must be " + describe(invalid.getTargetType()));
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return new FieldViolation(path(mismatched), "must be " + describe(mismatched.getTargetType()));
        }
        if (cause instanceof JsonProcessingException json && !(cause instanceof JsonMappingException)) {
            return new FieldViolation("body", "is not valid JSON: " + json.getOriginalMessage());
        }
        return new FieldViolation("body", "is required and must be a JSON object");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a JSON " + (type.isRecord() || Map.class.isAssignableFrom(type) ? "object" : "value");
    }

    private static String title(RefusalCode code) {
        return switch (code) {
            case ENDPOINT_NOT_FOUND -> "Endpoint not found";
            case ENDPOINT_DELETED -> "Endpoint deleted";
            case NAME_TAKEN -> "Name taken";
            case STALE_VERSION -> "Endpoint changed since you read it";
            case ROLLOUT_IN_PROGRESS -> "Rollout in progress";
            case INVALID_CONFIGURATION -> "Invalid configuration";
            case VERSION_NOT_FOUND -> "Version not found";
            case ROLLBACK_TARGET_NOT_FOUND -> "Rollback target does not exist";
            case ROLLBACK_TARGET_NEVER_SERVED -> "Rollback target never served";
            case VERSION_NOT_IN_PROGRESS -> "No rollout in progress";
            case ROLLOUT_NOT_STARTED -> "Rollout not started";
            case CANCELLATION_NOT_REQUESTED -> "Cancellation not requested";
            case CANCELLED_IS_NOT_A_FAILURE -> "Cancellation reported as failure";
        };
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
