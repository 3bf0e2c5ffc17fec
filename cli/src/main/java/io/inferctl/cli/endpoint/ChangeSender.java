package io.inferctl.cli.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.cli.ExitCode;
import io.inferctl.cli.Session;
import io.inferctl.cli.api.ApiClient;
import io.inferctl.cli.rollout.RolloutFollower;
import io.inferctl.cli.rollout.WaitOptions;

/** Sends a change, prints the answer, and follows the rollout it started when asked to. */
public final class ChangeSender {

    private ChangeSender() {
    }

    public static int send(Session session, ApiClient.Change change, WaitOptions waiting) {
        JsonNode answer = session.client().change(change).body();
        ChangeReport.print(session.printer(), answer);
        boolean startedRollout = answer.path("changed").asBoolean(true) && !answer.path("dryRun").asBoolean(false);
        if (!startedRollout || !waiting.wait(session.interactive())) {
            return ExitCode.OK;
        }
        long sequence = answer.path("sequence").asLong();
        return new RolloutFollower(session.client(), session.printer())
                .follow(answer.path("endpointId").asText(), answer.path("version").asInt(), sequence, waiting.timeout(), false);
    }
}
