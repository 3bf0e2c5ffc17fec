package io.inferctl.worker.rollout;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {

    @Test
    void durationsReadAsTheSettingsAreWritten() {
        assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
        assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.format(Duration.ofHours(2).plusSeconds(3))).isEqualTo("2h3s");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }
}
