package io.inferctl.command.endpoint.web;

import io.inferctl.command.endpoint.EndpointRefusedException;
import io.inferctl.command.endpoint.MutationResult;
import io.inferctl.command.endpoint.RefusalCode;
import io.inferctl.command.idempotency.IdempotentRequest;
import io.inferctl.command.idempotency.RequestFingerprint;
import io.inferctl.command.web.MutationRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.UUID;

/** What every mutating request shares after its shape is checked: sending its command and the answer's form. */
@Component
class MutationSupport {

    private final EndpointCommandSender sender;
    private final RequestFingerprint fingerprint;

    MutationSupport(EndpointCommandSender sender, RequestFingerprint fingerprint) {
        this.sender = sender;
        this.fingerprint = fingerprint;
    }

    /** Ids are server-made UUIDs; anything else cannot name an endpoint. */
    static String endpointId(String id) {
        try {
            return UUID.fromString(id).toString().equals(id) ? id : notFound(id);
        } catch (IllegalArgumentException e) {
            return notFound(id);
        }
    }

    private static String notFound(String id) {
        throw new EndpointRefusedException(RefusalCode.ENDPOINT_NOT_FOUND, "No endpoint with id " + id + ".");
    }

    /** Sends the command, once per Idempotency-Key, and answers with its result. */
    ResponseEntity<MutationResponse> send(Object command, MutationRequest request, Object body) {
        return send(command, request, body, false);
    }

    /**
     * Sends the command, once per Idempotency-Key, and answers with its result; a dry run answers
     * what the command would do and changes nothing.
     *
     * @param body what the request asked, as read, for the idempotency fingerprint; {@code null} without a body
     */
    ResponseEntity<MutationResponse> send(Object command, MutationRequest request, Object body, boolean dryRun) {
        if (dryRun) {
            return respond(sender.dryRun(command));
        }
        IdempotentRequest idempotency = request.idempotencyKey() == null ? null
                : fingerprint.of(request.caller(), request.idempotencyKey(), request.method(), request.path(),
                        request.ifMatch(), body);
        return respond(sender.send(command, idempotency));
    }

    private static ResponseEntity<MutationResponse> respond(EndpointCommandSender.Outcome outcome) {
        MutationResult result = outcome.result();
        HttpStatus status = switch (result.kind()) {
            case CREATED -> HttpStatus.CREATED;
            case VERSION_CREATED, CANCELLATION_REQUESTED, PROMOTION_REQUESTED, DELETED -> HttpStatus.ACCEPTED;
            case UNCHANGED, ROLLOUT_REPORTED -> HttpStatus.OK;
        };
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).eTag("\"" + result.version() + "\"");
        if (result.kind() == MutationResult.Kind.CREATED && !outcome.dryRun()) {
            answer.location(URI.create("/v1/endpoints/" + result.endpointId()));
        }
        if (outcome.replayed()) {
            answer.header(MutationRequest.REPLAYED, "true");
        }
        return answer.body(MutationResponse.of(result, outcome.dryRun()));
    }
}
