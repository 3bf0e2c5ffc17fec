package io.inferctl.cli.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.rollout.WaitOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "set", description = "Change a few settings: inferctl set NAME accelerator.count=2 engine.maxBatchSize=128 -m \"why\"")
public final class SetCommand extends SessionCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name or id.")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SETTING=VALUE",
            description = "group.setting=value; numbers, true/false and null are typed, anything else is text.")
    List<String> assignments;

    @Option(names = {"-m", "--comment"}, description = "Why.")
    String comment;

    @Option(names = "--dry-run", description = "Print the changes (old -> new) the service would make; store nothing.")
    boolean dryRun;

    @Option(names = "--if-version", paramLabel = "N",
            description = "Change only if the endpoint's latest version is still N (else the version just read).")
    Integer ifVersion;

    @Mixin
    WaitOptions waiting;

    @Override
    public Integer call() {
        ObjectNode patch = ConfigPatch.fromAssignments(assignments, spec.commandLine());
        ApiClient client = session().client();
        JsonNode endpoint = EndpointRef.resolve(client, name);
        ObjectNode body = client.object();
        body.set("config", patch);
        if (comment != null) {
            body.put("comment", comment);
        }
        Integer ifMatch = ifVersion != null ? ifVersion : endpoint.path("latestVersion").asInt();
        return ChangeSender.send(session(),
                new ApiClient.Change("PATCH", "/v1/endpoints/" + EndpointRef.id(endpoint), body, ifMatch, dryRun), waiting);
    }
}
