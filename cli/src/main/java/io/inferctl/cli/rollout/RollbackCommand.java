package io.inferctl.cli.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.endpoint.ChangeSender;
import io.inferctl.cli.endpoint.EndpointRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", description = "Create a new version with the settings of version N (one that once served) and roll it out.")
public final class RollbackCommand extends SessionCommand {

    @Parameters(paramLabel = "NAME", description = "Name or id.")
    String name;

    @Option(names = "--to", required = true, paramLabel = "N", description = "The version whose settings to go back to.")
    int target;

    @Option(names = {"-m", "--comment"}, description = "Why.")
    String comment;

    @Option(names = "--dry-run", description = "Print the changes (old -> new) the rollback would make; store nothing.")
    boolean dryRun;

    @Mixin
    WaitOptions waiting;

    @Override
    public Integer call() {
        ApiClient client = session().client();
        JsonNode endpoint = EndpointRef.resolve(client, name);
        ObjectNode body = client.object().put("targetVersion", target);
        if (comment != null) {
            body.put("comment", comment);
        }
        String path = "/v1/endpoints/" + EndpointRef.id(endpoint) + "/rollback";
        return ChangeSender.send(session(), new ApiClient.Change("POST", path, body, endpoint.path("latestVersion").asInt(), dryRun), waiting);
    }
}
