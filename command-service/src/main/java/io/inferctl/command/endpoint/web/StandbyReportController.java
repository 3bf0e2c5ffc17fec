package io.inferctl.command.endpoint.web;

import io.inferctl.command.web.MutationRequest;
import io.inferctl.events.command.ReportStandbyEndedCommand;
import io.inferctl.events.command.ReportStandbyStartedCommand;
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

/** Where the rollout worker (and only it) reports a superseded version's warm standby. */
@RestController
@RequestMapping(RolloutReportApi.STANDBY_PATH)
@Tag(name = "Rollout reports (worker role)")
public class StandbyReportController {

    private final MutationSupport support;

    StandbyReportController(MutationSupport support) {
        this.support = support;
    }

    @PostMapping(RolloutReportApi.STANDBY_STARTED)
    @Operation(summary = "The superseded version is kept warm until warmUntil; the same report again records nothing")
    public ResponseEntity<MutationResponse> started(@PathVariable String endpointId, @PathVariable int version,
                                                    MutationRequest worker,
                                                    @Valid @RequestBody Requests.StandbyStarted body) {
        return support.send(new ReportStandbyStartedCommand(MutationSupport.endpointId(endpointId), version,
                body.replicas(), body.warmUntil(), worker.caller()), worker, body);
    }

    @PostMapping(RolloutReportApi.STANDBY_ENDED)
    @Operation(summary = "The version is no longer kept warm; a version not warm records nothing")
    public ResponseEntity<MutationResponse> ended(@PathVariable String endpointId, @PathVariable int version,
                                                  MutationRequest worker,
                                                  @Valid @RequestBody Requests.StandbyEnded body) {
        return support.send(new ReportStandbyEndedCommand(MutationSupport.endpointId(endpointId), version,
                body.reason(), body.message(), worker.caller()), worker, body);
    }
}
