package io.inferctl.cli.version;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.cli.ExitCode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.endpoint.EndpointRef;
import io.inferctl.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "diff", description = "The settings that differ between versions A and B of an endpoint.")
public final class DiffCommand extends SessionCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name or id.")
    String name;

    @Parameters(index = "1", paramLabel = "A")
    int from;

    @Parameters(index = "2", paramLabel = "B")
    int to;

    @Override
    public Integer call() {
        ApiClient client = session().client();
        String id = EndpointRef.id(EndpointRef.resolve(client, name));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("from", from);
        parameters.put("to", to);
        JsonNode diff = client.query("/v1/endpoints/" + id + "/diff", parameters);
        Printer printer = session().printer();
        if (!printer.printStructured(diff)) {
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode change : diff.path("changes")) {
                rows.add(List.of(change.path("field").asText(), VersionText.value(change.get("from")), VersionText.value(change.get("to"))));
            }
            if (rows.isEmpty()) {
                printer.line("v" + from + " and v" + to + " have the same settings");
            } else {
                printer.table(List.of("SETTING", "v" + from, "v" + to), rows);
            }
        }
        return ExitCode.OK;
    }
}
