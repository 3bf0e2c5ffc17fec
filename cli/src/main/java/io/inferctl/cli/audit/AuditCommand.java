package io.inferctl.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.cli.ExitCode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.endpoint.EndpointRef;
import io.inferctl.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "audit", description = {"Who did what and when. -o csv and -o json stream the query API's whole export (CSV, NDJSON),",
        "so a large range never sits in memory; -o table reads it in pages."})
public final class AuditCommand extends SessionCommand {

    private static final int PAGE = 100;

    enum AuditFormat { table, csv, json }

    @Option(names = "--endpoint", paramLabel = "NAME", description = "One endpoint, by name or id.")
    String endpoint;

    @Option(names = "--actor", description = "Who, e.g. deployer@local.")
    String actor;

    @Option(names = "--action", description = "CREATE, UPDATE, ROLLBACK, WEBHOOK, CANCEL, DELETE, ROLLOUT_SUCCEEDED, ROLLOUT_FAILED, ROLLOUT_CANCELLED.")
    String action;

    @Option(names = "--since", paramLabel = "TIME", description = "From this ISO-8601 date-time (inclusive).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before this ISO-8601 date-time (exclusive).")
    String until;

    @Override
    public Integer call() {
        AuditFormat format = format();
        ApiClient client = session().client();
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("endpointId", endpoint == null ? null : EndpointRef.id(EndpointRef.resolve(client, endpoint)));
        filter.put("actor", actor);
        filter.put("action", action);
        filter.put("since", since);
        filter.put("until", until);
        if (format != AuditFormat.table) {
            // Straight from the socket to standard output, not through a buffered writer of text.
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            client.export("/v1/audit", filter, format == AuditFormat.csv ? "text/csv" : "application/x-ndjson", out);
            return ExitCode.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> parameters = new LinkedHashMap<>(filter);
            parameters.put("limit", PAGE);
            parameters.put("cursor", cursor);
            JsonNode page = client.query("/v1/audit", parameters);
            for (JsonNode e : page.path("items")) {
                rows.add(List.of(e.path("occurredAt").asText(), e.path("actor").asText(), e.path("action").asText(),
                        e.path("endpointName").asText(), e.path("version").isNumber() ? "v" + e.path("version").asInt() : "",
                        e.path("comment").asText(""), e.path("detail").asText("")));
            }
            cursor = page.path("nextCursor").asText(null);
        } while (cursor != null);
        Printer printer = session().printer();
        printer.table(List.of("AT", "ACTOR", "ACTION", "ENDPOINT", "VERSION", "COMMENT", "DETAIL"), rows);
        return ExitCode.OK;
    }

    /** The inherited -o, read as the audit log's formats: json is the export's NDJSON, one entry a line. */
    private AuditFormat format() {
        try {
            return AuditFormat.valueOf(session().output().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "audit -o takes table, csv or json, not " + session().output());
        }
    }
}
