package io.inferctl.query.endpoint.web;

import io.inferctl.query.consistency.ProjectionPositions;
import io.inferctl.query.consistency.ReadYourWrites;
import io.inferctl.query.endpoint.DiffView;
import io.inferctl.query.endpoint.EndpointQueries;
import io.inferctl.query.endpoint.EndpointView;
import io.inferctl.query.endpoint.VersionView;
import io.inferctl.query.projection.model.EndpointStatus;
import io.inferctl.query.web.BadParameterException;
import io.inferctl.query.web.Page;
import io.inferctl.query.web.Parameters;
import io.inferctl.query.web.QueryProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Endpoints, their version history and diffs. Every endpoint-scoped query accepts
 * {@code minSequence} (or the {@code Min-Sequence} header) to read its caller's own writes.
 */
@RestController
@RequestMapping("/v1/endpoints")
@Tag(name = "Endpoints and versions")
public class EndpointQueryController {

    private static final String MIN_SEQUENCE_DOC = "Answer only once the read model has applied the endpoint's events "
            + "up to this sequence (from a command's answer); 503 with Retry-After if it does not within the wait.";

    private final EndpointQueries queries;
    private final ProjectionPositions positions;
    private final QueryProperties paging;

    EndpointQueryController(EndpointQueries queries, ProjectionPositions positions, QueryProperties paging) {
        this.queries = queries;
        this.positions = positions;
        this.paging = paging;
    }

    @GetMapping
    @Operation(summary = "Endpoints by name, optionally with one status")
    public Page<EndpointView> endpoints(@RequestParam(required = false) String status,
                                        @RequestParam(required = false) String cursor,
                                        @RequestParam(required = false) Integer limit) {
        return queries.endpoints(Parameters.enumValue("status", status, EndpointStatus.class), cursor,
                paging.pageSize(limit));
    }

    @GetMapping("/{endpointId}")
    @Operation(summary = "An endpoint: status, current version, version in progress and its phase")
    public EndpointView endpoint(@PathVariable String endpointId,
                                 @Parameter(description = MIN_SEQUENCE_DOC) @RequestParam(required = false) Long minSequence,
                                 @RequestHeader(value = ReadYourWrites.HEADER, required = false) Long minSequenceHeader) {
        ReadYourWrites.await(positions, endpointId, minSequence, minSequenceHeader);
        return queries.endpoint(endpointId);
    }

    @GetMapping("/{endpointId}/versions")
    @Operation(summary = "Versions, newest first, in pages of at most 100")
    public Page<VersionView> versions(@PathVariable String endpointId,
                                      @RequestParam(required = false) String cursor,
                                      @RequestParam(required = false) Integer limit,
                                      @Parameter(description = MIN_SEQUENCE_DOC) @RequestParam(required = false) Long minSequence,
                                      @RequestHeader(value = ReadYourWrites.HEADER, required = false) Long minSequenceHeader) {
        int pageSize = paging.pageSize(limit);
        ReadYourWrites.await(positions, endpointId, minSequence, minSequenceHeader);
        return queries.versions(endpointId, cursor, pageSize);
    }

    @GetMapping("/{endpointId}/versions/{version}")
    @Operation(summary = "One version: full configuration, metadata, status and the changes from the previous version")
    public VersionView version(@PathVariable String endpointId, @PathVariable int version,
                               @Parameter(description = MIN_SEQUENCE_DOC) @RequestParam(required = false) Long minSequence,
                               @RequestHeader(value = ReadYourWrites.HEADER, required = false) Long minSequenceHeader) {
        ReadYourWrites.await(positions, endpointId, minSequence, minSequenceHeader);
        return queries.version(endpointId, version);
    }

    @GetMapping("/{endpointId}/diff")
    @Operation(summary = "Every setting that differs between two versions, with both values")
    public DiffView diff(@PathVariable String endpointId,
                         @RequestParam int from, @RequestParam int to,
                         @Parameter(description = MIN_SEQUENCE_DOC) @RequestParam(required = false) Long minSequence,
                         @RequestHeader(value = ReadYourWrites.HEADER, required = false) Long minSequenceHeader) {
        if (from < 0) {
            throw new BadParameterException("from", "must be 0 or more");
        }
        if (from > to) {
            throw new BadParameterException("from", "must not be greater than to (" + to + ")");
        }
        ReadYourWrites.await(positions, endpointId, minSequence, minSequenceHeader);
        return queries.diff(endpointId, from, to);
    }
}
