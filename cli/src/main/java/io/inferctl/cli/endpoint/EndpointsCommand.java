package io.inferctl.cli.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.cli.ExitCode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.output.Printer;
import io.inferctl.cli.version.VersionText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "endpoints", description = "List, show, create and delete endpoints.",
        subcommands = {EndpointsCommand.ListEndpoints.class, EndpointsCommand.GetEndpoint.class,
                EndpointsCommand.CreateEndpoint.class, EndpointsCommand.DeleteEndpoint.class})
public final class EndpointsCommand extends SessionCommand {

    private static final int PAGE = 100;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    @Command(name = "list", description = "Every endpoint: name, status, serving and latest version.")
    static final class ListEndpoints extends SessionCommand {

        @Option(names = "--status", description = "Only DEPLOYING, SERVING, UPDATING, NOT_SERVING or DELETED.")
        String status;

        @Override
        public Integer call() {
            ApiClient client = session().client();
            ArrayNode items = session().json().createArrayNode();
            String cursor = null;
            do {
                Map<String, Object> parameters = new LinkedHashMap<>();
                parameters.put("status", status);
                parameters.put("limit", PAGE);
                parameters.put("cursor", cursor);
                JsonNode page = client.query("/v1/endpoints", parameters);
                page.path("items").forEach(items::add);
                cursor = page.path("nextCursor").asText(null);
            } while (cursor != null);
            Printer printer = session().printer();
            ObjectNode all = session().json().createObjectNode();
            all.set("items", items);
            if (!printer.printStructured(all)) {
                List<List<String>> rows = new ArrayList<>();
                for (JsonNode e : items) {
                    rows.add(List.of(e.path("name").asText(), e.path("status").asText(), version(e.get("currentVersion")),
                            version(e.get("latestVersion")), inProgress(e.path("inProgress")), e.path("endpointId").asText()));
                }
                printer.table(List.of("NAME", "STATUS", "SERVING", "LATEST", "IN PROGRESS", "ID"), rows);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "get", description = "One endpoint, by name or id.")
    static final class GetEndpoint extends SessionCommand {

        @Parameters(paramLabel = "NAME", description = "Name or id.")
        String name;

        @Override
        public Integer call() {
            JsonNode e = EndpointRef.resolve(session().client(), name);
            Printer printer = session().printer();
            if (!printer.printStructured(e)) {
                printer.table(List.of("NAME", "STATUS", "SERVING", "LATEST", "IN PROGRESS", "ID"),
                        List.of(List.of(e.path("name").asText(), e.path("status").asText(), version(e.get("currentVersion")),
                                version(e.get("latestVersion")), inProgress(e.path("inProgress")), e.path("endpointId").asText())));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "create", description = "Create an endpoint from a file ({name, comment, config}, YAML or JSON); its config becomes v0.")
    static final class CreateEndpoint extends SessionCommand {

        @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE")
        File file;

        @Option(names = "--dry-run", description = "Show what would be created; store nothing.")
        boolean dryRun;

        @Option(names = {"-m", "--comment"}, description = "Why (else the file's comment).")
        String comment;

        @Override
        public Integer call() {
            ObjectNode document = EndpointFile.read(file, spec.commandLine());
            if (comment != null) {
                document.put("comment", comment);
            }
            JsonNode answer = session().client().change(new ApiClient.Change("POST", "/v1/endpoints", document, null, dryRun)).body();
            ChangeReport.print(session().printer(), answer);
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Delete an endpoint (admin role; refused while a rollout is in progress).")
    static final class DeleteEndpoint extends SessionCommand {

        @Parameters(paramLabel = "NAME", description = "Name or id.")
        String name;

        @Option(names = {"-m", "--comment"}, description = "Why.")
        String comment;

        @Override
        public Integer call() {
            ApiClient client = session().client();
            String id = EndpointRef.id(EndpointRef.resolve(client, name));
            String path = "/v1/endpoints/" + id + (comment == null ? "" : "?comment=" + ApiClient.encode(comment));
            JsonNode answer = client.change(new ApiClient.Change("DELETE", path, null, null, false)).body();
            if (!session().printer().printStructured(answer)) {
                session().printer().line(name + ": deleted");
            }
            return ExitCode.OK;
        }
    }

    static String version(JsonNode value) {
        return value == null || value.isNull() ? "-" : "v" + value.asInt();
    }

    static String inProgress(JsonNode inProgress) {
        if (inProgress == null || inProgress.isNull() || inProgress.isMissingNode()) {
            return "-";
        }
        String phase = VersionText.phase(inProgress);
        return "v" + inProgress.path("version").asInt() + " " + inProgress.path("status").asText() + (phase.isEmpty() ? "" : " " + phase);
    }
}
