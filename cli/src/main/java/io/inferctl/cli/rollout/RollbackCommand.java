package io.inferctl.cli.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.endpoint.ChangeOptions;
import io.inferctl.cli.endpoint.ChangeSender;
import io.inferctl.cli.endpoint.EndpointRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ListResourceBundle;

@Command(name = "rollback", resourceBundle = "io.inferctl.cli.rollout.RollbackCommand$Help",
        description = "Create a new version with the settings of version N (one that once served) and roll it out.")
public final class RollbackCommand extends SessionCommand {

    @Parameters(paramLabel = "NAME", description = "Name or id.")
    String name;

    @Option(names = "--to", required = true, paramLabel = "N", description = "The version whose settings to go back to.")
    int target;

    @Mixin
    ChangeOptions change;

    @Mixin
    WaitOptions waiting;

    @Override
    public Integer call() {
        ApiClient client = session().client();
        JsonNode endpoint = EndpointRef.resolve(client, name);
        ObjectNode body = change.comment(client.object().put("targetVersion", target));
        String path = "/v1/endpoints/" + EndpointRef.id(endpoint) + "/rollback";
        return ChangeSender.send(session(),
                new ApiClient.Change("POST", path, body, endpoint.path("latestVersion").asInt(), change.dryRun()), waiting);
    }

    /** Where rollback's options read differently from the shared {@link ChangeOptions}. */
    public static final class Help extends ListResourceBundle {

        @Override
        protected Object[][] getContents() {
            return new Object[][] {{"dry-run", "Print the changes (old -> new) the rollback would make; store nothing."}};
        }
    }
}
