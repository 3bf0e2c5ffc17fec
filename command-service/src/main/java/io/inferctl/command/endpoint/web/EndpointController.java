package io.inferctl.command.endpoint.web;

import io.inferctl.command.endpoint.web.constraints.Comment;
import io.inferctl.command.web.ConditionalOnVersion;
import io.inferctl.command.web.MutationRequest;
import io.inferctl.events.command.AbortCanaryCommand;
import io.inferctl.events.command.CancelRolloutCommand;
import io.inferctl.events.command.CreateEndpointCommand;
import io.inferctl.events.command.DeleteEndpointCommand;
import io.inferctl.events.command.PromoteCanaryCommand;
import io.inferctl.events.command.RollBackEndpointCommand;
import io.inferctl.events.command.UpdateEndpointConfigCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The command API for people and systems that change endpoints. Each call is one command; the
 * caller's identity comes from their token, never from the body. Headers are checked before the
 * body is read, the body's shape before the command is sent. Every change takes {@code ?dryRun=true}
 * (Kubernetes' convention): the same answer, or the same refusal, with nothing stored.
 */
@RestController
@RequestMapping("/v1/endpoints")
@Tag(name = "Endpoints")
public class EndpointController {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ConfigDocumentParser configs;
    private final MutationSupport support;

    EndpointController(ConfigDocumentParser configs, MutationSupport support) {
        this.configs = configs;
        this.support = support;
    }

    @PostMapping
    @Operation(summary = "Create an endpoint; its configuration becomes version 0")
    public ResponseEntity<MutationResponse> create(MutationRequest request,
                                                   @Valid @RequestBody Requests.CreateEndpoint body,
                                                   @DryRunParameter @RequestParam(defaultValue = "false") boolean dryRun) {
        var command = new CreateEndpointCommand(UUID.randomUUID().toString(), body.name(),
                configs.parseFull(body.config()), body.comment(), request.caller());
        return support.send(command, request, body, dryRun);
    }

    @PatchMapping(value = "/{endpointId}", consumes = {MERGE_PATCH, "application/json"})
    @Operation(summary = "Change settings (JSON merge patch over the serving version's configuration, or baseVersion's); creates the next version unless the result is what already serves")
    public ResponseEntity<MutationResponse> update(@PathVariable String endpointId,
                                                   @ConditionalOnVersion MutationRequest request,
                                                   @Valid @RequestBody Requests.UpdateEndpoint body,
                                                   @DryRunParameter @RequestParam(defaultValue = "false") boolean dryRun) {
        var command = new UpdateEndpointConfigCommand(MutationSupport.endpointId(endpointId),
                configs.parsePatch(body.config()), body.comment(), request.expectedVersion(), request.caller(),
                body.baseVersion());
        return support.send(command, request, body, dryRun);
    }

    @PostMapping("/{endpointId}/rollback")
    @Operation(summary = "Create the next version with the settings of an earlier version that once served")
    public ResponseEntity<MutationResponse> rollBack(@PathVariable String endpointId,
                                                     @ConditionalOnVersion MutationRequest request,
                                                     @Valid @RequestBody Requests.RollBack body,
                                                     @DryRunParameter @RequestParam(defaultValue = "false") boolean dryRun) {
        var command = new RollBackEndpointCommand(MutationSupport.endpointId(endpointId), body.targetVersion(),
                body.comment(), request.expectedVersion(), request.caller());
        return support.send(command, request, body, dryRun);
    }

    @PostMapping("/{endpointId}/versions/{version}/cancel")
    @Operation(summary = "Ask the rollout worker to stop a version's rollout and undo what it created")
    public ResponseEntity<MutationResponse> cancel(@PathVariable String endpointId, @PathVariable int version,
                                                   @ConditionalOnVersion MutationRequest request,
                                                   @Valid @RequestBody(required = false) Requests.CancelRollout body,
                                                   @DryRunParameter @RequestParam(defaultValue = "false") boolean dryRun) {
        String comment = body == null ? null : body.comment();
        var command = new CancelRolloutCommand(MutationSupport.endpointId(endpointId), version, comment,
                request.expectedVersion(), request.caller());
        return support.send(command, request, body, dryRun);
    }

    @PostMapping("/{endpointId}/versions/{version}/canary/promote")
    @Operation(summary = "Give a version in canary or baking all traffic now, skipping its remaining steps and bake time")
    public ResponseEntity<MutationResponse> promoteCanary(@PathVariable String endpointId, @PathVariable int version,
                                                          @ConditionalOnVersion MutationRequest request,
                                                          @Valid @RequestBody(required = false) Requests.CanaryDecision body,
                                                          @DryRunParameter @RequestParam(defaultValue = "false") boolean dryRun) {
        String comment = body == null ? null : body.comment();
        var command = new PromoteCanaryCommand(MutationSupport.endpointId(endpointId), version, comment,
                request.expectedVersion(), request.caller());
        return support.send(command, request, body, dryRun);
    }

    @PostMapping("/{endpointId}/versions/{version}/canary/abort")
    @Operation(summary = "Send a version in canary or baking back to 0% of traffic at once, then undo its rollout (recorded as a cancellation)")
    public ResponseEntity<MutationResponse> abortCanary(@PathVariable String endpointId, @PathVariable int version,
                                                        @ConditionalOnVersion MutationRequest request,
                                                        @Valid @RequestBody(required = false) Requests.CanaryDecision body,
                                                        @DryRunParameter @RequestParam(defaultValue = "false") boolean dryRun) {
        String comment = body == null ? null : body.comment();
        var command = new AbortCanaryCommand(MutationSupport.endpointId(endpointId), version, comment,
                request.expectedVersion(), request.caller());
        return support.send(command, request, body, dryRun);
    }

    @DeleteMapping("/{endpointId}")
    @Operation(summary = "Delete an endpoint (admin); the rollout worker removes its cluster objects")
    public ResponseEntity<MutationResponse> delete(@PathVariable String endpointId,
                                                   @ConditionalOnVersion MutationRequest request,
                                                   @Comment @RequestParam(required = false) String comment,
                                                   @DryRunParameter @RequestParam(defaultValue = "false") boolean dryRun) {
        var command = new DeleteEndpointCommand(MutationSupport.endpointId(endpointId), comment,
                request.expectedVersion(), request.caller());
        return support.send(command, request, comment, dryRun);
    }
}
