package io.inferctl.console.endpoint;

import io.inferctl.console.api.ApiProblem;
import io.inferctl.console.api.ApiProblem.FieldProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FieldProblemsTest {

    @Test
    void eachReasonSitsBesideTheFormFieldTheApiNames() {
        ApiProblem problem = new ApiProblem(422, "INVALID_CONFIGURATION", "Invalid configuration", null, List.of(
                new FieldProblem("name", "must be a DNS label"),
                new FieldProblem("config.accelerator.type", "must be one of [NVIDIA_H100]"),
                new FieldProblem("config.engine.maxBatchSize", "must be at most 4096")));

        FieldProblems problems = FieldProblems.of(problem);

        assertThat(problems.byField()).containsExactly(
                org.assertj.core.api.Assertions.entry("name", "must be a DNS label"),
                org.assertj.core.api.Assertions.entry("accelerator.type", "must be one of [NVIDIA_H100]"),
                org.assertj.core.api.Assertions.entry("engine.maxBatchSize", "must be at most 4096"));
        assertThat(problems.general()).isEmpty();
    }

    @Test
    void aRefusalThatNamesNoFieldGoesToTheTopWithTheApisDetail() {
        ApiProblem conflict = new ApiProblem(409, "ROLLOUT_IN_PROGRESS", "Rollout in progress",
                "Version 0 is ROLLING_OUT; wait until its rollout ends.", null);

        FieldProblems problems = FieldProblems.of(conflict);

        assertThat(problems.byField()).isEmpty();
        assertThat(problems.general()).containsExactly("Version 0 is ROLLING_OUT; wait until its rollout ends.");
    }

    @Test
    void aFieldTheFormDoesNotHaveIsShownAtTheTopNamingIt() {
        ApiProblem problem = new ApiProblem(400, "MALFORMED_REQUEST", "Malformed request", "The body is not valid",
                List.of(new FieldProblem("config.engine.temperature", "is not a known setting")));

        FieldProblems problems = FieldProblems.of(problem);

        assertThat(problems.general()).containsExactly("The body is not valid",
                "config.engine.temperature is not a known setting");
    }

    @Test
    void queryParametersMapToFiltersOfTheSameName() {
        ApiProblem problem = new ApiProblem(400, "INVALID_PARAMETER", "Invalid parameter", null,
                List.of(new FieldProblem("since", "is not an ISO-8601 date-time")));

        assertThat(FieldProblems.of(problem, Set.of("since")).of("since")).isEqualTo("is not an ISO-8601 date-time");
    }

    @Test
    void aRefusedRolloutSettingSitsBesideItsField() {
        ApiProblem problem = new ApiProblem(422, "INVALID_CONFIGURATION", "Invalid configuration", null, List.of(
                new FieldProblem("config.rollout.canarySteps", "must be steps like 10%:5m,50%:5m")));

        FieldProblems problems = FieldProblems.of(problem);

        assertThat(problems.of("rollout.canarySteps")).isEqualTo("must be steps like 10%:5m,50%:5m");
        assertThat(problems.general()).isEmpty();
    }
}
