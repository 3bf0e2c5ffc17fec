package io.inferctl.command.web;

import io.inferctl.api.problem.ApiProblems;
import io.inferctl.api.problem.FieldError;
import io.inferctl.api.problem.InputErrors;
import io.inferctl.api.problem.ProblemExceptionHandler;
import io.inferctl.command.endpoint.EndpointRefusedException;
import io.inferctl.command.endpoint.FieldViolation;
import io.inferctl.command.endpoint.InvalidEndpointConfigException;
import io.inferctl.command.endpoint.RefusalCode;
import io.inferctl.command.idempotency.DuplicateRequestException;
import io.inferctl.command.relay.backpressure.RelayBehindException;
import io.inferctl.command.webhook.IntegrationRefusedException;
import io.inferctl.command.webhook.delivery.DeliveryRefusedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.List;

/**
 * Every refusal becomes an {@code application/problem+json} answer with a status the client can act
 * on and, where a field is at fault, its path. Nothing a client sends may produce a 500.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ProblemExceptionHandler {

    private static final String MALFORMED = "MALFORMED_REQUEST";

    private final String retryAfter;

    public ApiExceptionHandler(WebProperties properties) {
        this.retryAfter = Long.toString(Math.max(1, properties.retryAfter().toSeconds()));
    }

    @ExceptionHandler(EndpointRefusedException.class)
    ResponseEntity<ProblemDetail> refused(EndpointRefusedException e) {
        RefusalCode code = e.code();
        ProblemDetail problem = ApiProblems.problem(RefusalProblems.status(code), code.name(),
                RefusalProblems.title(code), e.getMessage());
        e.details().forEach(problem::setProperty);
        List<FieldViolation> violations = e instanceof InvalidEndpointConfigException invalid
                ? invalid.violations()
                : RefusalProblems.field(code).map(field -> List.of(new FieldViolation(field, e.getMessage())))
                        .orElse(List.of());
        return ApiProblems.answer(ApiProblems.withErrors(problem, violations));
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        String detail = InputErrors.detail(e.violations().stream()
                .map(v -> new FieldError(v.field(), v.reason())).toList());
        return ApiProblems.answer(ApiProblems.withErrors(
                ApiProblems.problem(e.status(), e.code(), e.getMessage(), detail), e.violations()));
    }

    @ExceptionHandler(DeliveryRefusedException.class)
    ResponseEntity<ProblemDetail> deliveryRefused(DeliveryRefusedException e) {
        ProblemDetail problem = ApiProblems.withErrors(
                ApiProblems.problem(e.status(), e.code(), e.title(), e.getMessage()), e.violations());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            // Whole seconds, rounded up: a client that waits the stated time finds a token again.
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        }
        return answer.body(problem);
    }

    @ExceptionHandler(IntegrationRefusedException.class)
    ResponseEntity<ProblemDetail> integrationRefused(IntegrationRefusedException e) {
        HttpStatus status = switch (e.code()) {
            case INTEGRATION_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INTEGRATION_DISABLED, INTEGRATION_NAME_TAKEN -> HttpStatus.CONFLICT;
        };
        String title = switch (e.code()) {
            case INTEGRATION_NOT_FOUND -> "Webhook integration not found";
            case INTEGRATION_DISABLED -> "Webhook integration disabled";
            case INTEGRATION_NAME_TAKEN -> "Name taken";
        };
        ProblemDetail problem = ApiProblems.problem(status, e.code().name(), title, e.getMessage());
        List<FieldViolation> violations = e.code() == IntegrationRefusedException.Code.INTEGRATION_NAME_TAKEN
                ? List.of(new FieldViolation("name", e.getMessage())) : List.of();
        return ApiProblems.answer(ApiProblems.withErrors(problem, violations));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return ApiProblems.answer(ApiProblems.problem(HttpStatus.NOT_FOUND, RefusalCode.ENDPOINT_NOT_FOUND.name(),
                RefusalProblems.title(RefusalCode.ENDPOINT_NOT_FOUND),
                "No endpoint with id " + e.getAggregateIdentifier() + "."));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e) {
        return ApiProblems.answer(ApiProblems.problem(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION", "Concurrent change",
                "Another change to this endpoint was accepted at the same moment; read it again and retry."));
    }

    @ExceptionHandler(RelayBehindException.class)
    ResponseEntity<ProblemDetail> relayBehind(RelayBehindException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))
                .body(ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "RELAY_BEHIND",
                        "Changes are arriving faster than they are published", e.getMessage()));
    }

    @ExceptionHandler(DuplicateRequestException.class)
    ResponseEntity<ProblemDetail> duplicate(DuplicateRequestException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header(HttpHeaders.RETRY_AFTER, retryAfter)
                .body(ApiProblems.problem(HttpStatus.CONFLICT, "IDEMPOTENT_REQUEST_IN_PROGRESS",
                        "Same request in progress", e.getMessage() + "; retry to receive its answer."));
    }

    @ExceptionHandler(CommandTimeoutException.class)
    ResponseEntity<ProblemDetail> timeout(CommandTimeoutException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfter)
                .body(ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "COMMAND_TIMEOUT", "Outcome unknown",
                        e.getMessage()));
    }

    /** Only a wiring mistake lets a change through without a caller; Spring Security answers the same. */
    @ExceptionHandler(AuthenticationCredentialsNotFoundException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationCredentialsNotFoundException e) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(ApiProblems.problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication required",
                        "Send a valid API token as 'Authorization: Bearer <token>'."));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        FieldError error = InputErrors.typeMismatch(e);
        return rejected(RequestRejectedException.malformed(error.field(), error.reason()));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException e,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        return invalid(InputErrors.invalid(e));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(@NonNull HandlerMethodValidationException e,
                                                                            @NonNull HttpHeaders headers,
                                                                            @NonNull HttpStatusCode status,
                                                                            @NonNull WebRequest request) {
        return invalid(InputErrors.invalid(e));
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
        FieldError error = InputErrors.unreadable(cause);
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, MALFORMED,
                "The request does not match the API's shape.", InputErrors.detail(List.of(error)));
        return ResponseEntity.badRequest().body(ApiProblems.withErrors(problem, List.of(error)));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception e, Object problemBody,
                                                             @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode status,
                                                             @NonNull WebRequest request) {
        return InputErrors.missing(e).<ResponseEntity<Object>>map(missing -> ResponseEntity.status(status)
                        .headers(headers).body(ApiProblems.withErrors(ApiProblems.problem(status, MALFORMED,
                                "Missing header", InputErrors.detail(List.of(missing))), List.of(missing))))
                .orElseGet(() -> super.handleExceptionInternal(e, problemBody, headers, status, request));
    }

    /** Bean Validation's refusals of a request's fields, in the same form as {@link RequestRejectedException#invalid}. */
    private ResponseEntity<Object> invalid(List<FieldError> errors) {
        RequestRejectedException rejected = RequestRejectedException.invalid(errors.stream()
                .map(error -> new FieldViolation(error.field(), error.reason())).toList());
        return ResponseEntity.unprocessableEntity().body(rejected(rejected).getBody());
    }
}
