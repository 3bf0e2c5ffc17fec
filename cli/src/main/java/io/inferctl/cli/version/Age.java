package io.inferctl.cli.version;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** kubectl's way of saying how long ago: 45s, 12m, 3h, 5d. */
final class Age {

    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private Age() {
    }

    static String since(String instant, Clock clock) {
        try {
            long seconds = Math.max(0, Duration.between(Instant.parse(instant), clock.instant()).toSeconds());
            if (seconds < MINUTE) {
                return seconds + "s";
            }
            if (seconds < HOUR) {
                return seconds / MINUTE + "m";
            }
            return seconds < DAY ? seconds / HOUR + "h" : seconds / DAY + "d";
        } catch (DateTimeParseException e) {
            return "?";
        }
    }
}
