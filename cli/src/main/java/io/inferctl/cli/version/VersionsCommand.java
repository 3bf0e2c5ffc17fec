package io.inferctl.cli.version;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.cli.ExitCode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.endpoint.EndpointRef;
import io.inferctl.cli.output.Printer;
import io.inferctl.cli.rollout.AbortCommand;
import io.inferctl.cli.rollout.PromoteCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "versions", description = {"An endpoint's history, newest first: version, status (with phase or failure code),",
        "whether it is kept warm (a rollback to it is instant) and until when, rollout policy, origin, creator, age, comment.",
        "inferctl versions promote|abort NAME N: decide on a canary in progress."},
        subcommands = {PromoteCommand.class, AbortCommand.class})
public final class VersionsCommand extends SessionCommand {

    private static final int PAGE = 100;

    // Optional for picocli only: a parent's required parameter would be demanded before its subcommands too.
    @Parameters(paramLabel = "NAME", arity = "0..1", description = "Name or id.")
    String name;

    @Option(names = "--limit", defaultValue = "" + PAGE, description = "At most this many versions (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (name == null) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'NAME'");
        }
        ApiClient client = session().client();
        String id = EndpointRef.id(EndpointRef.resolve(client, name));
        ArrayNode items = session().json().createArrayNode();
        String cursor = null;
        do {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("limit", Math.min(PAGE, limit - items.size()));
            parameters.put("cursor", cursor);
            JsonNode page = client.query("/v1/endpoints/" + id + "/versions", parameters);
            page.path("items").forEach(items::add);
            cursor = page.path("nextCursor").asText(null);
        } while (cursor != null && items.size() < limit);
        ObjectNode all = session().json().createObjectNode();
        all.set("items", items);
        Printer printer = session().printer();
        if (!printer.printStructured(all)) {
            Clock clock = Clock.systemUTC();
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode v : items) {
                String warm = VersionText.warm(v);
                rows.add(List.of("v" + v.path("version").asInt(), VersionText.status(v), warm.isEmpty() ? "-" : warm,
                        VersionText.strategy(v), VersionText.origin(v), v.path("createdBy").asText(),
                        Age.since(v.path("createdAt").asText(), clock), v.path("comment").asText("")));
            }
            printer.table(List.of("VERSION", "STATUS", "WARM", "POLICY", "ORIGIN", "CREATED BY", "AGE", "COMMENT"), rows);
        }
        return ExitCode.OK;
    }
}
