package io.inferctl.events.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanaryStepsTest {

    @Test
    void stepsReadAsWeightAndDurationInOrder() {
        assertThat(CanarySteps.parse("10%:5m,50%:90s,99%:1h")).containsExactly(
                new CanarySteps.Step(10, Duration.ofMinutes(5)),
                new CanarySteps.Step(50, Duration.ofSeconds(90)),
                new CanarySteps.Step(99, Duration.ofHours(1)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                     | at least one step",
            "10%                    | step 1 ('10%') must be",
            "10%:5m,                | step 2 ('') must be",
            "0%:5m                  | step 1",
            "100%:5m                | step 1",
            "10%:5d                 | step 1",
            "10%:0m                 | step 1",
            "' 10%:5m'               | step 1",
            "10%:25h                | must last at most 24h",
            "50%:5m,10%:5m          | step 2 must give more traffic than the step before (50%)",
            "1%:1s,2%:1s,3%:1s,4%:1s,5%:1s,6%:1s,7%:1s,8%:1s,9%:1s,10%:1s,11%:1s | at most 10 steps"})
    void malformedStepsAreRefusedSayingWhy(String text, String reason) {
        assertThatThrownBy(() -> CanarySteps.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(reason.strip());
    }
}
