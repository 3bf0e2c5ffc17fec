package io.inferctl.console.web;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Times as pages show them: "3 min ago" beside the exact UTC time. Used by templates as {@code @timeText}. */
@Component("timeText")
public class TimeText {

    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final long SECONDS_PER_MINUTE = 60;
    private static final long MINUTES_PER_HOUR = 60;
    private static final long HOURS_PER_DAY = 24;

    private final Clock clock;

    public TimeText() {
        this(Clock.systemUTC());
    }

    TimeText(Clock clock) {
        this.clock = clock;
    }

    public String exact(Instant at) {
        return at == null ? "" : EXACT.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The time of day, for a moment within the next hours: "14:05 UTC". */
    public String clock(Instant at) {
        return at == null ? "" : CLOCK.format(at);
    }

    public String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    public String relative(Instant at) {
        if (at == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(at, clock.instant()).toSeconds());
        if (seconds < SECONDS_PER_MINUTE) {
            return seconds + " s ago";
        }
        long minutes = seconds / SECONDS_PER_MINUTE;
        if (minutes < MINUTES_PER_HOUR) {
            return minutes + " min ago";
        }
        long hours = minutes / MINUTES_PER_HOUR;
        if (hours < HOURS_PER_DAY) {
            return hours + " h ago";
        }
        return hours / HOURS_PER_DAY + " d ago";
    }
}
