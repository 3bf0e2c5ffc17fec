package io.inferctl.query.audit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.query.audit.AuditEntryView;
import io.inferctl.query.audit.AuditFilter;
import io.inferctl.query.audit.AuditQueries;
import io.inferctl.query.consistency.ProjectionPositions;
import io.inferctl.query.consistency.ReadYourWrites;
import io.inferctl.query.projection.model.AuditAction;
import io.inferctl.query.web.BadParameterException;
import io.inferctl.query.web.Page;
import io.inferctl.query.web.Parameters;
import io.inferctl.query.web.QueryProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The audit log: who did what, when, to which endpoint. JSON pages by default; with
 * {@code Accept: application/x-ndjson} or {@code text/csv} the whole filtered log streams
 * (newest first, {@code cursor} and {@code limit} do not apply).
 */
@RestController
@RequestMapping("/v1/audit")
@Tag(name = "Audit log")
public class AuditController {

    /** Entries are small; writing them in chunks of this size keeps a large export from costing a syscall per line. */
    private static final int EXPORT_BUFFER_CHARS = 64 * 1024;

    private final AuditQueries queries;
    private final ProjectionPositions positions;
    private final QueryProperties paging;
    private final ObjectMapper json;

    AuditController(AuditQueries queries, ProjectionPositions positions, QueryProperties paging, ObjectMapper json) {
        this.queries = queries;
        this.positions = positions;
        this.paging = paging;
        this.json = json;
    }

    @GetMapping
    @Operation(summary = "Audit entries, newest first; filter by actor, endpoint, action and time; "
            + "Accept application/x-ndjson or text/csv to export the whole filtered log",
            responses = @ApiResponse(responseCode = "200", content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = AuditPage.class)),
                    @Content(mediaType = "application/x-ndjson", schema = @Schema(implementation = AuditEntryView.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string"))}))
    public ResponseEntity<StreamingResponseBody> audit(@RequestParam(required = false) String actor,
                                   @RequestParam(required = false) String endpointId,
                                   @RequestParam(required = false) String action,
                                   @RequestParam(required = false) String since,
                                   @RequestParam(required = false) String until,
                                   @RequestParam(required = false) String cursor,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) Long minSequence,
                                   @RequestHeader(value = ReadYourWrites.HEADER, required = false) Long minSequenceHeader,
                                   @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        AuditFilter filter = filter(actor, endpointId, action, since, until);
        AuditExportFormat export = exportFormat(accept);
        int pageSize = export == null ? paging.pageSize(limit) : 0;
        if (minSequence != null || minSequenceHeader != null) {
            if (endpointId == null) {
                throw new BadParameterException(minSequence != null ? ReadYourWrites.PARAMETER : ReadYourWrites.HEADER,
                        "applies to one endpoint's entries; pass endpointId too");
            }
            ReadYourWrites.await(positions, endpointId, minSequence, minSequenceHeader);
        }
        if (export == null) {
            // One return type for all three forms: Spring streams a StreamingResponseBody only when the
            // method declares it, so the JSON page is written through the same mapper by hand.
            Page<AuditEntryView> page = queries.page(filter, cursor, pageSize);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> json.writeValue(out, page));
        }
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), EXPORT_BUFFER_CHARS);
            export.begin(writer);
            queries.export(filter, entry -> export.writeUnchecked(writer, entry, json));
            writer.flush();
        };
        return ResponseEntity.ok().contentType(export.mediaType()).body(body);
    }

    private static AuditFilter filter(String actor, String endpointId, String action, String since, String until) {
        Instant from = Parameters.instant("since", since);
        Instant to = Parameters.instant("until", until);
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadParameterException("since", "must not be after until (" + until + ")");
        }
        return new AuditFilter(blankToNull("actor", actor), blankToNull("endpointId", endpointId),
                Parameters.enumValue("action", action, AuditAction.class), from, to);
    }

    private static String blankToNull(String name, String value) {
        if (value != null && value.isBlank()) {
            throw new BadParameterException(name, "must not be blank; leave it out to match every " + name);
        }
        return value;
    }

    /** The export the client prefers, or {@code null} for a JSON page; 406 when it accepts none of them. */
    private static AuditExportFormat exportFormat(String accept) {
        if (accept == null || accept.isBlank()) {
            return null;
        }
        List<MediaType> accepted;
        try {
            accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (RuntimeException e) {
            throw new BadParameterException(HttpHeaders.ACCEPT, "is not a valid media type list");
        }
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : accepted) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            for (AuditExportFormat format : AuditExportFormat.values()) {
                if (type.equalsTypeAndSubtype(format.mediaType())) {
                    return format;
                }
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return null;
            }
        }
        throw new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE,
                "The audit log is served as application/json, application/x-ndjson or text/csv.");
    }

    /** The JSON page's shape, for the OpenAPI description. */
    record AuditPage(List<AuditEntryView> items, String nextCursor) {
    }
}
