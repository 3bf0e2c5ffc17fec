package io.inferctl.command.webhook.delivery;

import io.inferctl.command.endpoint.FieldViolation;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.List;

/**
 * A delivery refused before any command was sent. {@code retryAfter} is set for a refusal worth
 * retrying later (429).
 */
public class DeliveryRefusedException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;
    private final transient List<FieldViolation> violations;
    private final Duration retryAfter;

    DeliveryRefusedException(HttpStatus status, String code, String title, String detail,
                             List<FieldViolation> violations, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.violations = List.copyOf(violations);
        this.retryAfter = retryAfter;
    }

    static DeliveryRefusedException notFound() {
        // The same answer for an unknown, a deleted and a disabled integration: no hint which.
        return new DeliveryRefusedException(HttpStatus.NOT_FOUND, "WEBHOOK_NOT_FOUND", "No such webhook",
                "No enabled webhook integration has this address.", List.of(), null);
    }

    static DeliveryRefusedException unauthenticated(String reason) {
        return new DeliveryRefusedException(HttpStatus.UNAUTHORIZED, "WEBHOOK_SIGNATURE_INVALID",
                "Signature not verified", "The delivery is not authentic: " + reason + ".", List.of(), null);
    }

    static DeliveryRefusedException tooManyFailures(Duration wait) {
        return new DeliveryRefusedException(HttpStatus.TOO_MANY_REQUESTS, "WEBHOOK_SIGNATURE_RATE_LIMITED",
                "Too many failed signatures", "Too many deliveries to this webhook failed their signature check; "
                + "retry later.", List.of(), wait);
    }

    static DeliveryRefusedException malformed(String field, String reason) {
        return new DeliveryRefusedException(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "The delivery does not match the payload format.", field + ": " + reason,
                List.of(new FieldViolation(field, reason)), null);
    }

    static DeliveryRefusedException invalid(List<FieldViolation> violations) {
        return new DeliveryRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "VALIDATION_FAILED",
                "Some fields are invalid.", String.join("; ", violations.stream()
                .map(v -> v.field() + ": " + v.reason()).toList()), violations, null);
    }

    /** Another delivery (or API call) created a version of the endpoint in the same moment, on another instance. */
    static DeliveryRefusedException concurrentChange() {
        return new DeliveryRefusedException(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION", "Concurrent change",
                "Another version of this endpoint was created at the same moment and is rolling out; "
                + "retry this delivery later.", List.of(), null);
    }

    static DeliveryRefusedException webhookIdReused() {
        return new DeliveryRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "WEBHOOK_ID_REUSED", "webhook-id reused",
                "This webhook-id was delivered before with another body; a new message needs a new webhook-id.",
                List.of(new FieldViolation("webhook-id", "was already used for a different body")), null);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
