package io.inferctl.cli.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.cli.ExitCode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.endpoint.EndpointRef;
import io.inferctl.cli.version.VersionText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

@Command(name = "rollout", description = "Rollouts.", subcommands = RolloutCommand.Status.class)
public final class RolloutCommand extends SessionCommand {

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    @Command(name = "status", description = {"The rollout in progress, else the latest version's outcome; exit code as for --wait.",
            "--watch follows it until it ends."})
    static final class Status extends SessionCommand {

        @Parameters(paramLabel = "NAME", description = "Name or id.")
        String name;

        @Option(names = {"-w", "--watch"}, description = "Follow until the rollout ends.")
        boolean watch;

        @Mixin
        WaitOptions waiting;

        @Override
        public Integer call() {
            ApiClient client = session().client();
            JsonNode endpoint = EndpointRef.resolve(client, name);
            String id = EndpointRef.id(endpoint);
            int version = EndpointRef.rolloutVersion(endpoint);
            RolloutFollower follower = new RolloutFollower(client, session().printer());
            if (watch) {
                return follower.follow(id, version, null, waiting.timeout(), true);
            }
            JsonNode view = client.query("/v1/endpoints/" + id + "/versions/" + version, Map.of());
            if (endpoint.path("inProgress").isObject()) {
                if (!session().printer().printStructured(view)) {
                    session().printer().line("v" + version + " " + session().printer().status(VersionText.status(view)));
                }
                return ExitCode.OK;
            }
            return follower.outcome(view, true);
        }
    }
}
