package io.inferctl.cli.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.rollout.WaitOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "set", description = "Change a few settings: inferctl set NAME accelerator.count=2 engine.maxBatchSize=128 -m \"why\"")
public final class SetCommand extends SessionCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name or id.")
    String name;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SETTING=VALUE",
            description = "group.setting=value; numbers, true/false and null are typed, anything else is text.")
    List<String> assignments;

    @Mixin
    ChangeOptions change;

    @Mixin
    IfVersionOption ifVersion;

    @Mixin
    WaitOptions waiting;

    @Override
    public Integer call() {
        ObjectNode patch = ConfigPatch.fromAssignments(assignments, spec.commandLine());
        ApiClient client = session().client();
        JsonNode endpoint = EndpointRef.resolve(client, name);
        ObjectNode body = change.comment(client.object());
        body.set("config", patch);
        int ifMatch = ifVersion.ifMatch(endpoint.path("latestVersion").asInt());
        return ChangeSender.send(session(),
                new ApiClient.Change("PATCH", "/v1/endpoints/" + EndpointRef.id(endpoint), body, ifMatch, change.dryRun()),
                waiting);
    }
}
