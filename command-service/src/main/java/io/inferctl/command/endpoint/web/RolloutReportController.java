package io.inferctl.command.endpoint.web;

import io.inferctl.command.endpoint.FieldViolation;
import io.inferctl.command.endpoint.TextRules;
import io.inferctl.events.command.ReportRolloutCancelledCommand;
import io.inferctl.events.command.ReportRolloutFailedCommand;
import io.inferctl.events.command.ReportRolloutProgressCommand;
import io.inferctl.events.command.ReportRolloutStartedCommand;
import io.inferctl.events.command.ReportRolloutSucceededCommand;
import io.inferctl.events.command.WorkerReport;
import io.inferctl.events.rollout.RolloutReportApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/** Where the rollout worker (and only it) reports what happened to a version's rollout. */
@RestController
@RequestMapping(RolloutReportApi.BASE_PATH)
@Tag(name = "Rollout reports (worker role)")
public class RolloutReportController {

    private final EndpointCommandSender sender;
    private final MutationSupport support;

    RolloutReportController(EndpointCommandSender sender, MutationSupport support) {
        this.sender = sender;
        this.support = support;
    }

    @PostMapping(RolloutReportApi.STARTED)
    @Operation(summary = "The worker took the version's rollout on: PENDING -> ROLLING_OUT")
    public ResponseEntity<MutationResponse> started(
            @PathVariable String endpointId, @PathVariable int version,
            @RequestHeader(value = MutationSupport.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            Authentication worker, HttpServletRequest request) {
        return report(new ReportRolloutStartedCommand(MutationSupport.endpointId(endpointId), version, worker.getName()),
                idempotencyKey, worker, request);
    }

    @PostMapping(RolloutReportApi.PROGRESS)
    @Operation(summary = "The rollout entered a phase")
    public ResponseEntity<MutationResponse> progress(
            @PathVariable String endpointId, @PathVariable int version,
            @RequestBody Requests.Progress body,
            @RequestHeader(value = MutationSupport.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            Authentication worker, HttpServletRequest request) {
        String id = MutationSupport.endpointId(endpointId);
        var idempotency = support.idempotency(idempotencyKey, worker, request, null, body);
        List<FieldViolation> violations = new ArrayList<>();
        if (body.phase() == null) {
            violations.add(new FieldViolation("phase", "is required"));
        }
        MutationSupport.checkText(violations, "message", body.message(), false, RolloutReportApi.MAX_MESSAGE,
                TextRules::freeTextProblem);
        MutationSupport.requireValid(violations);
        var command = new ReportRolloutProgressCommand(id, version, body.phase(), body.message(), worker.getName());
        return support.respond(sender.send(command, idempotency));
    }

    @PostMapping(RolloutReportApi.SUCCEEDED)
    @Operation(summary = "Traffic switched to the version: it is CURRENT")
    public ResponseEntity<MutationResponse> succeeded(
            @PathVariable String endpointId, @PathVariable int version,
            @RequestHeader(value = MutationSupport.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            Authentication worker, HttpServletRequest request) {
        return report(new ReportRolloutSucceededCommand(MutationSupport.endpointId(endpointId), version, worker.getName()),
                idempotencyKey, worker, request);
    }

    @PostMapping(RolloutReportApi.FAILED)
    @Operation(summary = "The rollout failed and was compensated")
    public ResponseEntity<MutationResponse> failed(
            @PathVariable String endpointId, @PathVariable int version,
            @RequestBody Requests.Failure body,
            @RequestHeader(value = MutationSupport.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            Authentication worker, HttpServletRequest request) {
        String id = MutationSupport.endpointId(endpointId);
        var idempotency = support.idempotency(idempotencyKey, worker, request, null, body);
        List<FieldViolation> violations = new ArrayList<>();
        if (body.code() == null) {
            violations.add(new FieldViolation("code", "is required"));
        } else if (body.category() != null && body.category() != body.code().category()) {
            violations.add(new FieldViolation("category",
                    "must be " + body.code().category() + ", the category of " + body.code()));
        }
        MutationSupport.checkText(violations, "message", body.message(), true, RolloutReportApi.MAX_MESSAGE,
                TextRules::freeTextProblem);
        MutationSupport.checkText(violations, "step", body.step(), false, RolloutReportApi.MAX_STEP, TextRules::nameProblem);
        MutationSupport.requireValid(violations);
        var command = new ReportRolloutFailedCommand(id, version, body.code(), body.message(), body.step(), worker.getName());
        return support.respond(sender.send(command, idempotency));
    }

    @PostMapping(RolloutReportApi.CANCELLED)
    @Operation(summary = "The rollout was stopped after a cancellation request and compensated")
    public ResponseEntity<MutationResponse> cancelled(
            @PathVariable String endpointId, @PathVariable int version,
            @RequestHeader(value = MutationSupport.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            Authentication worker, HttpServletRequest request) {
        return report(new ReportRolloutCancelledCommand(MutationSupport.endpointId(endpointId), version, worker.getName()),
                idempotencyKey, worker, request);
    }

    private ResponseEntity<MutationResponse> report(WorkerReport command, String idempotencyKey, Authentication worker,
                                                    HttpServletRequest request) {
        return support.respond(sender.send(command, support.idempotency(idempotencyKey, worker, request, null, null)));
    }
}
