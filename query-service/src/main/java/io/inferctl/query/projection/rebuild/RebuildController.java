package io.inferctl.query.projection.rebuild;

import io.inferctl.api.problem.ApiProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Admin only: rebuild every read model from the beginning of the topic, and follow its progress. */
@RestController
@RequestMapping(RebuildController.PATH)
@Tag(name = "Administration (admin role)")
public class RebuildController {

    static final String PATH = "/v1/admin/rebuild";

    private final Rebuilder rebuilder;

    RebuildController(Rebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @PostMapping
    @Operation(summary = "Start a rebuild; queries keep answering from the current tables until it switches")
    public ResponseEntity<RebuildProgress> start() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(PATH)).body(rebuilder.start());
    }

    @GetMapping
    @Operation(summary = "Progress of the running or last rebuild")
    public RebuildProgress progress() {
        return rebuilder.progress();
    }

    @ExceptionHandler(RebuildInProgressException.class)
    ResponseEntity<ProblemDetail> inProgress(RebuildInProgressException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiProblems.problem(HttpStatus.CONFLICT,
                "REBUILD_IN_PROGRESS", "Rebuild in progress", e.getMessage()));
    }
}
