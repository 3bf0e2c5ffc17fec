package io.inferctl.simulator.api.table;

import java.time.Duration;
import java.time.Instant;

/** Ages the way kubectl prints them ({@code 45s}, {@code 3m12s}, {@code 5h}, {@code 2d3h}). */
final class HumanDuration {

    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long YEAR = 365 * DAY;

    private HumanDuration() {
    }

    static String between(Instant from, Instant to) {
        long seconds = Math.max(0, Duration.between(from, to).getSeconds());
        if (seconds < 2 * MINUTE) {
            return seconds + "s";
        }
        long minutes = seconds / MINUTE;
        if (minutes < 10) {
            long rest = seconds % MINUTE;
            return rest == 0 ? minutes + "m" : minutes + "m" + rest + "s";
        }
        if (minutes < 3 * 60) {
            return minutes + "m";
        }
        long hours = seconds / HOUR;
        if (hours < 8) {
            long rest = minutes % 60;
            return rest == 0 ? hours + "h" : hours + "h" + rest + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long rest = hours % 24;
            return rest == 0 ? hours / 24 + "d" : hours / 24 + "d" + rest + "h";
        }
        if (seconds < 2 * YEAR) {
            return seconds / DAY + "d";
        }
        return seconds / YEAR + "y";
    }
}
