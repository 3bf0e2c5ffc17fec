package io.inferctl.cli.version;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.cli.ExitCode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.endpoint.EndpointRef;
import io.inferctl.cli.output.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Command(name = "version", description = {
        "inferctl version: this tool's version.",
        "inferctl version NAME N: version N of an endpoint in full: its whole config with the changed settings marked, its failure and timeline."})
public final class VersionCommand extends SessionCommand {

    @Parameters(arity = "0..2", paramLabel = "NAME N")
    List<String> arguments = List.of();

    @Override
    public Integer call() {
        if (arguments.isEmpty()) {
            Package own = VersionCommand.class.getPackage();
            String version = own.getImplementationVersion();
            spec.commandLine().getOut().println("inferctl " + (version == null ? "(development build)" : version));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
        if (arguments.size() != 2 || !arguments.get(1).matches("v?\\d+")) {
            throw new ParameterException(spec.commandLine(), "give an endpoint and a version number: inferctl version NAME N");
        }
        ApiClient client = session().client();
        String id = EndpointRef.id(EndpointRef.resolve(client, arguments.get(0)));
        JsonNode v = client.query("/v1/endpoints/" + id + "/versions/" + arguments.get(1).replace("v", ""), Map.of());
        Printer printer = session().printer();
        if (printer.printStructured(v)) {
            return ExitCode.OK;
        }
        printer.line("v" + v.path("version").asInt() + "  " + printer.status(VersionText.status(v)) + "  " + VersionText.origin(v)
                + (v.path("basedOn").isNumber() ? " based on v" + v.path("basedOn").asInt() : "")
                + "  by " + v.path("createdBy").asText() + " at " + v.path("createdAt").asText());
        if (!v.path("comment").asText("").isEmpty()) {
            printer.line("comment: " + v.path("comment").asText());
        }
        String warm = VersionText.warm(v);
        if (!warm.isEmpty()) {
            printer.line("warm " + warm + ": a rollback to its settings switches traffic at once");
        }
        String policy = VersionText.policy(v);
        if (!policy.isEmpty()) {
            printer.line("rollout policy: " + policy);
        }
        Map<String, JsonNode> changedFrom = new HashMap<>();
        v.path("changes").forEach(c -> changedFrom.put(c.path("field").asText(), c.get("from")));
        List<List<String>> rows = new ArrayList<>();
        VersionText.leaves("", v.path("config"), (field, value) -> rows.add(List.of(
                changedFrom.containsKey(field) ? "*" : "", field, VersionText.value(value),
                changedFrom.containsKey(field) ? "was " + VersionText.value(changedFrom.get(field)) : "")));
        printer.line("");
        printer.table(List.of("", "SETTING", "VALUE", "CHANGED"), rows);
        JsonNode failure = v.path("failure");
        if (failure.isObject()) {
            printer.line("");
            printer.line("failure: " + failure.path("category").asText() + "/" + failure.path("code").asText()
                    + " at " + failure.path("step").asText() + ": " + failure.path("message").asText());
        }
        List<List<String>> timeline = new ArrayList<>();
        for (JsonNode entry : v.path("timeline")) {
            timeline.add(List.of(entry.path("at").asText(), entry.path("event").asText(), entry.path("status").asText(),
                    entry.path("phase").asText(""), entry.path("by").asText(), entry.path("message").asText("")));
        }
        printer.line("");
        printer.table(List.of("AT", "EVENT", "STATUS", "PHASE", "BY", "MESSAGE"), timeline);
        return ExitCode.OK;
    }
}
