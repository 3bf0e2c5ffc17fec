package io.inferctl.command.endpoint.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.events.rollout.FailureCategory;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;

/** Request bodies of the command API. Unknown fields are refused by the strict JSON reader. */
final class Requests {

    private Requests() {
    }

    /** {@code config} is a full configuration; settings it leaves out take the documented defaults. */
    record CreateEndpoint(String name, JsonNode config, String comment) {
    }

    /** {@code config} is a JSON merge patch over the latest version's configuration. */
    record UpdateEndpoint(JsonNode config, String comment) {
    }

    record RollBack(Integer targetVersion, String comment) {
    }

    record CancelRollout(String comment) {
    }

    record Progress(RolloutPhase phase, String message) {
    }

    /** {@code category} may be left out; when given it must be the code's category. */
    record Failure(FailureCode code, FailureCategory category, String message, String step) {
    }
}
