package io.inferctl.worker.rollout;

import java.time.Duration;

/** Durations in messages a person reads, in the form of the settings: {@code 10m}, {@code 1m30s}, {@code 500ms}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration duration) {
        StringBuilder text = new StringBuilder();
        append(text, duration.toHours(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.isEmpty() ? "0s" : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }
}
