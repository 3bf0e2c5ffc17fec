package io.inferctl.command.endpoint.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.endpoint.web.constraints.CategoryOfCode;
import io.inferctl.command.endpoint.web.constraints.Comment;
import io.inferctl.command.endpoint.web.constraints.FreeText;
import io.inferctl.command.endpoint.web.constraints.Name;
import io.inferctl.events.rollout.FailureCategory;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.rollout.RolloutReportApi;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * Request bodies of the command API and the shape rules each field keeps on its own. Unknown fields
 * are refused by the strict JSON reader; a configuration is checked by {@link ConfigDocumentParser}
 * and the endpoint's policy, since its rules span fields and versions.
 */
final class Requests {

    private static final String REQUIRED = "is required";

    private Requests() {
    }

    /** {@code config} is a full configuration; settings it leaves out take the documented defaults. */
    record CreateEndpoint(String name, JsonNode config, @Comment String comment) {
    }

    /**
     * {@code config} is a JSON merge patch over the configuration of {@code baseVersion}: by default
     * the version serving traffic (the latest when nothing serves).
     */
    record UpdateEndpoint(JsonNode config, @Comment String comment,
                          @Min(value = 0, message = "must be at least 0") Integer baseVersion) {
    }

    record RollBack(@NotNull(message = REQUIRED) @Min(value = 0, message = "must be at least 0") Integer targetVersion,
                    @Comment String comment) {
    }

    record CancelRollout(@Comment String comment) {
    }

    /** The body of a canary's promote or abort: why, for the audit log. */
    record CanaryDecision(@Comment String comment) {
    }

    /** {@code canaryPercent}: the new version's share of traffic, in phase CANARY only. */
    record Progress(@NotNull(message = REQUIRED) RolloutPhase phase,
                    @FreeText(max = RolloutReportApi.MAX_MESSAGE) String message,
                    @jakarta.validation.constraints.Min(value = 1, message = "must be between 1 and 99")
                    @jakarta.validation.constraints.Max(value = 99, message = "must be between 1 and 99")
                    Integer canaryPercent) {
    }

    /** {@code category} may be left out; when given it must be the code's category. */
    @CategoryOfCode
    record Failure(@NotNull(message = REQUIRED) FailureCode code,
                   FailureCategory category,
                   @NotBlank(message = REQUIRED) @FreeText(max = RolloutReportApi.MAX_MESSAGE) String message,
                   @Name(max = RolloutReportApi.MAX_STEP) String step) implements CategoryOfCode.Categorized {
    }

    /** A superseded version is kept warm on {@code replicas} replicas until {@code warmUntil}. */
    record StandbyStarted(@NotNull(message = REQUIRED) @jakarta.validation.constraints.Min(1) Integer replicas,
                          @NotNull(message = REQUIRED) java.time.Instant warmUntil) {
    }

    /** A version is no longer kept warm, and why. */
    record StandbyEnded(@NotNull(message = REQUIRED) io.inferctl.events.standby.StandbyEndReason reason,
                        @FreeText(max = RolloutReportApi.MAX_MESSAGE) String message) {
    }
}
