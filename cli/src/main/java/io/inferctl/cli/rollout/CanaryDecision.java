package io.inferctl.cli.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.cli.ExitCode;
import io.inferctl.cli.SessionCommand;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.endpoint.EndpointRef;
import io.inferctl.cli.output.Printer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * Promote or abort a version in a canary step or baking, sent as {@code cancel} sends its request:
 * a POST on the version with an optional comment, a fresh Idempotency-Key, no If-Match (the
 * version in the path is the precondition). The command API refuses a version not in either phase.
 */
abstract class CanaryDecision extends SessionCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name or id.")
    String name;

    @Parameters(index = "1", paramLabel = "N", description = "The version in a canary step or baking (4 or v4).")
    String version;

    @Option(names = {"-m", "--comment"}, description = "Why.")
    String comment;

    @Mixin
    WaitOptions waiting;

    /** {@code promote} or {@code abort}: the path's last segment. */
    abstract String action();

    /** The exit code of a followed rollout's outcome, as this decision expects it. */
    abstract int exitCode(int outcome);

    @Override
    public Integer call() {
        if (!version.matches("v?\\d+")) {
            throw new ParameterException(spec.commandLine(), "N must be a version number (4 or v4), not '" + version + "'");
        }
        int n = Integer.parseInt(version.replace("v", ""));
        ApiClient client = session().client();
        JsonNode endpoint = EndpointRef.resolve(client, name);
        String id = EndpointRef.id(endpoint);
        ObjectNode body = client.object();
        if (comment != null) {
            body.put("comment", comment);
        }
        JsonNode answer = client.change(new ApiClient.Change("POST",
                "/v1/endpoints/" + id + "/versions/" + n + "/canary/" + action(), body, null, false)).body();
        Printer printer = session().printer();
        if (!printer.printStructured(answer)) {
            printer.line(endpoint.path("name").asText(name) + ": " + action() + " of v" + n + " requested");
        }
        if (!waiting.wait(session().interactive())) {
            return ExitCode.OK;
        }
        return exitCode(new RolloutFollower(client, printer).follow(id, n, answer.path("sequence").asLong(), waiting.timeout(), false));
    }
}
