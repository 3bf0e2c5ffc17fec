package io.inferctl.cli.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.cli.ExitCode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.endpoint.ChangeReport;
import io.inferctl.cli.endpoint.EndpointRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "cancel", description = {"Cancel the rollout in progress. With --wait, exits 0 once the worker confirmed it CANCELLED;",
        "a rollout that switched traffic before the cancellation arrived ends CURRENT (exit 5)."})
public final class CancelCommand extends SessionCommand {

    @Parameters(paramLabel = "NAME", description = "Name or id.")
    String name;

    @Option(names = {"-m", "--comment"}, description = "Why.")
    String comment;

    @Mixin
    WaitOptions waiting;

    @Override
    public Integer call() {
        ApiClient client = session().client();
        JsonNode endpoint = EndpointRef.resolve(client, name);
        int version = EndpointRef.rolloutVersion(endpoint);
        ObjectNode body = client.object();
        if (comment != null) {
            body.put("comment", comment);
        }
        String id = EndpointRef.id(endpoint);
        JsonNode answer = client.change(new ApiClient.Change("POST", "/v1/endpoints/" + id + "/versions/" + version + "/cancel",
                body, null, false)).body();
        ChangeReport.print(session().printer(), answer);
        if (!waiting.wait(session().interactive())) {
            return ExitCode.OK;
        }
        int outcome = new RolloutFollower(client, session().printer()).follow(id, version, answer.path("sequence").asLong(), waiting.timeout(), false);
        return switch (outcome) {
            case ExitCode.ROLLOUT_CANCELLED -> ExitCode.OK;
            case ExitCode.OK -> ExitCode.CONFLICT;
            default -> outcome;
        };
    }
}
