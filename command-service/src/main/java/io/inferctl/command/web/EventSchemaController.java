package io.inferctl.command.web;

import io.inferctl.api.problem.ApiProblems;
import io.inferctl.events.EventCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Publishes the JSON Schemas that each Kafka record's {@code dataschema} points to. */
@RestController
@Tag(name = "Event schemas")
public class EventSchemaController {

    @GetMapping("/v1/schemas/events")
    @Operation(summary = "List the event schema files")
    public List<String> list() {
        return EventCatalog.schemaFileNames();
    }

    @GetMapping(value = "/v1/schemas/events/{file}", produces = "application/schema+json")
    @Operation(summary = "Fetch one event's JSON Schema")
    public ResponseEntity<?> schema(@PathVariable String file) {
        boolean known = EventCatalog.schemaFileNames().contains(file);
        if (!known) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ApiProblems.problem(HttpStatus.NOT_FOUND, "SCHEMA_NOT_FOUND", "Schema not found",
                            "No event schema named " + file + "; GET /v1/schemas/events lists them."));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/schema+json"))
                .body(new ClassPathResource("schemas/events/" + file));
    }
}
