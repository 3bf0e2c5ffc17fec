package io.inferctl.command.endpoint.web;

import io.inferctl.command.web.MutationRequest;
import io.inferctl.events.command.ReportRolloutCancelledCommand;
import io.inferctl.events.command.ReportRolloutFailedCommand;
import io.inferctl.events.command.ReportRolloutProgressCommand;
import io.inferctl.events.command.ReportRolloutStartedCommand;
import io.inferctl.events.command.ReportRolloutSucceededCommand;
import io.inferctl.events.rollout.RolloutReportApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where the rollout worker (and only it) reports what happened to a version's rollout. */
@RestController
@RequestMapping(RolloutReportApi.BASE_PATH)
@Tag(name = "Rollout reports (worker role)")
public class RolloutReportController {

    private final MutationSupport support;

    RolloutReportController(MutationSupport support) {
        this.support = support;
    }

    @PostMapping(RolloutReportApi.STARTED)
    @Operation(summary = "The worker took the version's rollout on: PENDING -> ROLLING_OUT")
    public ResponseEntity<MutationResponse> started(@PathVariable String endpointId, @PathVariable int version,
                                                    MutationRequest worker) {
        return support.send(new ReportRolloutStartedCommand(MutationSupport.endpointId(endpointId), version,
                worker.caller()), worker, null);
    }

    @PostMapping(RolloutReportApi.PROGRESS)
    @Operation(summary = "The rollout entered a phase")
    public ResponseEntity<MutationResponse> progress(@PathVariable String endpointId, @PathVariable int version,
                                                     MutationRequest worker,
                                                     @Valid @RequestBody Requests.Progress body) {
        return support.send(new ReportRolloutProgressCommand(MutationSupport.endpointId(endpointId), version,
                body.phase(), body.message(), worker.caller(), body.canaryPercent()), worker, body);
    }

    @PostMapping(RolloutReportApi.SUCCEEDED)
    @Operation(summary = "Traffic switched to the version: it is CURRENT")
    public ResponseEntity<MutationResponse> succeeded(@PathVariable String endpointId, @PathVariable int version,
                                                      MutationRequest worker) {
        return support.send(new ReportRolloutSucceededCommand(MutationSupport.endpointId(endpointId), version,
                worker.caller()), worker, null);
    }

    @PostMapping(RolloutReportApi.FAILED)
    @Operation(summary = "The rollout failed and was compensated")
    public ResponseEntity<MutationResponse> failed(@PathVariable String endpointId, @PathVariable int version,
                                                   MutationRequest worker,
                                                   @Valid @RequestBody Requests.Failure body) {
        return support.send(new ReportRolloutFailedCommand(MutationSupport.endpointId(endpointId), version,
                body.code(), body.message(), body.step(), worker.caller()), worker, body);
    }

    @PostMapping(RolloutReportApi.CANCELLED)
    @Operation(summary = "The rollout was stopped after a cancellation request and compensated")
    public ResponseEntity<MutationResponse> cancelled(@PathVariable String endpointId, @PathVariable int version,
                                                      MutationRequest worker) {
        return support.send(new ReportRolloutCancelledCommand(MutationSupport.endpointId(endpointId), version,
                worker.caller()), worker, null);
    }
}
