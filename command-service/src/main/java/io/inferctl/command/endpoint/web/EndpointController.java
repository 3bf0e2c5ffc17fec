package io.inferctl.command.endpoint.web;

import io.inferctl.command.endpoint.FieldViolation;
import io.inferctl.events.command.CancelRolloutCommand;
import io.inferctl.events.command.CreateEndpointCommand;
import io.inferctl.events.command.DeleteEndpointCommand;
import io.inferctl.events.command.RollBackEndpointCommand;
import io.inferctl.events.command.UpdateEndpointConfigCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The command API for people and systems that change endpoints. Each call is one command; the
 * caller's identity comes from their token, never from the body.
 */
@RestController
@RequestMapping("/v1/endpoints")
@Tag(name = "Endpoints")
public class EndpointController {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final EndpointCommandSender sender;
    private final ConfigDocumentParser configs;
    private final MutationSupport support;

    EndpointController(EndpointCommandSender sender, ConfigDocumentParser configs, MutationSupport support) {
        this.sender = sender;
        this.configs = configs;
        this.support = support;
    }

    @PostMapping
    @Operation(summary = "Create an endpoint; its configuration becomes version 0")
    public ResponseEntity<MutationResponse> create(
            @RequestBody Requests.CreateEndpoint body,
            @Parameter(description = "Retries with the same key return the first answer")
            @RequestHeader(value = MutationSupport.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            Authentication caller, HttpServletRequest request) {
        var idempotency = support.idempotency(idempotencyKey, caller, request, null, body);
        List<FieldViolation> violations = support.checkComment(body.comment());
        MutationSupport.requireValid(violations);
        var config = configs.parseFull(body.config());
        var command = new CreateEndpointCommand(UUID.randomUUID().toString(), body.name(), config, body.comment(),
                caller.getName());
        return support.respond(sender.send(command, idempotency));
    }

    @PatchMapping(value = "/{endpointId}", consumes = {MERGE_PATCH, "application/json"})
    @Operation(summary = "Change settings (JSON merge patch of the configuration); creates the next version unless nothing changes")
    public ResponseEntity<MutationResponse> update(
            @PathVariable String endpointId,
            @RequestBody Requests.UpdateEndpoint body,
            @Parameter(description = "The version you last saw, as its ETag, e.g. \"3\"")
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(value = MutationSupport.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            Authentication caller, HttpServletRequest request) {
        String id = MutationSupport.endpointId(endpointId);
        Integer expected = MutationSupport.expectedVersion(ifMatch);
        var idempotency = support.idempotency(idempotencyKey, caller, request, ifMatch, body);
        MutationSupport.requireValid(support.checkComment(body.comment()));
        var assignments = configs.parsePatch(body.config());
        var command = new UpdateEndpointConfigCommand(id, assignments, body.comment(), expected, caller.getName());
        return support.respond(sender.send(command, idempotency));
    }

    @PostMapping("/{endpointId}/rollback")
    @Operation(summary = "Create the next version with the settings of an earlier version that once served")
    public ResponseEntity<MutationResponse> rollBack(
            @PathVariable String endpointId,
            @RequestBody Requests.RollBack body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(value = MutationSupport.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            Authentication caller, HttpServletRequest request) {
        String id = MutationSupport.endpointId(endpointId);
        Integer expected = MutationSupport.expectedVersion(ifMatch);
        var idempotency = support.idempotency(idempotencyKey, caller, request, ifMatch, body);
        List<FieldViolation> violations = new ArrayList<>(support.checkComment(body.comment()));
        if (body.targetVersion() == null) {
            violations.add(new FieldViolation("targetVersion", "is required"));
        } else if (body.targetVersion() < 0) {
            violations.add(new FieldViolation("targetVersion", "must be at least 0"));
        }
        MutationSupport.requireValid(violations);
        var command = new RollBackEndpointCommand(id, body.targetVersion(), body.comment(), expected, caller.getName());
        return support.respond(sender.send(command, idempotency));
    }

    @PostMapping("/{endpointId}/versions/{version}/cancel")
    @Operation(summary = "Ask the rollout worker to stop a version's rollout and undo what it created")
    public ResponseEntity<MutationResponse> cancel(
            @PathVariable String endpointId,
            @PathVariable int version,
            @RequestBody(required = false) Requests.CancelRollout body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(value = MutationSupport.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            Authentication caller, HttpServletRequest request) {
        String id = MutationSupport.endpointId(endpointId);
        Integer expected = MutationSupport.expectedVersion(ifMatch);
        String comment = body == null ? null : body.comment();
        var idempotency = support.idempotency(idempotencyKey, caller, request, ifMatch, body);
        MutationSupport.requireValid(support.checkComment(comment));
        var command = new CancelRolloutCommand(id, version, comment, expected, caller.getName());
        return support.respond(sender.send(command, idempotency));
    }

    @DeleteMapping("/{endpointId}")
    @Operation(summary = "Delete an endpoint (admin); the rollout worker removes its cluster objects")
    public ResponseEntity<MutationResponse> delete(
            @PathVariable String endpointId,
            @RequestParam(required = false) String comment,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(value = MutationSupport.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            Authentication caller, HttpServletRequest request) {
        String id = MutationSupport.endpointId(endpointId);
        Integer expected = MutationSupport.expectedVersion(ifMatch);
        var idempotency = support.idempotency(idempotencyKey, caller, request, ifMatch, comment);
        MutationSupport.requireValid(support.checkComment(comment));
        var command = new DeleteEndpointCommand(id, comment, expected, caller.getName());
        return support.respond(sender.send(command, idempotency));
    }
}
