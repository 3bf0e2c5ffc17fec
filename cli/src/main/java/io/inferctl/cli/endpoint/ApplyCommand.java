package io.inferctl.cli.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.cli.ExitCode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.rollout.WaitOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.File;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.Optional;

@Command(name = "apply", resourceBundle = "io.inferctl.cli.endpoint.ApplyCommand$Help", description = {
        "Make an endpoint have the settings of a file: creates it (v0), or a new version with exactly the settings that differ",
        "from the version serving (settings the file leaves out stay as they are). Nothing to change says so and exits 0."})
public final class ApplyCommand extends SessionCommand {

    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE", description = "{name, comment, config} as YAML or JSON.")
    File file;

    @Mixin
    ChangeOptions change;

    @Mixin
    IfVersionOption ifVersion;

    @Mixin
    WaitOptions waiting;

    @Override
    public Integer call() {
        ObjectNode document = change.comment(EndpointFile.read(file, spec.commandLine()));
        ApiClient client = session().client();
        String name = document.path("name").asText();
        Optional<JsonNode> existing = EndpointRef.find(client, name);
        if (existing.isEmpty()) {
            return ChangeSender.send(session(), new ApiClient.Change("POST", "/v1/endpoints", document, null, change.dryRun()), waiting);
        }
        JsonNode endpoint = existing.get();
        String id = EndpointRef.id(endpoint);
        int latest = endpoint.path("latestVersion").asInt();
        // The service builds a change on the version serving (the latest when none serves), so
        // the differences are taken against the same version.
        JsonNode serving = endpoint.path("currentVersion");
        int base = serving.isNumber() ? serving.asInt() : latest;
        JsonNode baseConfig = client.query("/v1/endpoints/" + id + "/versions/" + base, Map.of()).path("config");
        ObjectNode patch = ConfigPatch.differences(document.path("config"), baseConfig);
        if (patch.isEmpty()) {
            ObjectNode answer = client.object().put("endpointId", id).put("name", name).put("version", base)
                    .put("changed", false).put("dryRun", change.dryRun());
            if (!session().printer().printStructured(answer)) {
                session().printer().line(name + ": nothing to change (v" + base + " already has these settings)");
            }
            return ExitCode.OK;
        }
        ObjectNode body = client.object();
        body.set("config", patch);
        if (document.hasNonNull("comment")) {
            body.set("comment", document.get("comment"));
        }
        return ChangeSender.send(session(),
                new ApiClient.Change("PATCH", "/v1/endpoints/" + id, body, ifVersion.ifMatch(latest), change.dryRun()), waiting);
    }

    /** Where apply's options read differently from the shared {@link ChangeOptions}. */
    public static final class Help extends ListResourceBundle {

        @Override
        protected Object[][] getContents() {
            return new Object[][] {{"comment", "Why (else the file's comment)."}};
        }
    }
}
