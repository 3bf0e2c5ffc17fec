package io.inferctl.command.relay.backpressure;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandBackpressureTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final BackpressureProperties LIMIT_100 =
            new BackpressureProperties(100, Duration.ofMillis(200), Duration.ofSeconds(5));

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final RelayLag lag = new RelayLag(null, null, clock);

    @Test
    void admitsAtTheLimitAndBeforeAnySample() {
        CommandBackpressure backpressure = new CommandBackpressure(lag, LIMIT_100, clock);
        assertThatCode(backpressure::admit).doesNotThrowAnyException();

        lag.record(NOW, 100, 1_000);
        assertThatCode(backpressure::admit).doesNotThrowAnyException();
    }

    @Test
    void refusesPastTheLimitForAsLongAsTheExcessTakesToDrain() {
        lag.record(NOW.minusSeconds(1), 150, 1_000);
        lag.record(NOW, 400, 1_100);

        assertThatThrownBy(new CommandBackpressure(lag, LIMIT_100, clock)::admit)
                .isInstanceOfSatisfying(RelayBehindException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)))
                .hasMessageContaining("400 accepted changes are not yet published (the limit is 100)");
    }

    @Test
    void aRelayThatIsNotDrainingGetsTheLongestRetryAfter() {
        lag.record(NOW.minusSeconds(1), 150, 1_000);
        lag.record(NOW, 400, 1_000);

        assertThatThrownBy(new CommandBackpressure(lag, LIMIT_100, clock)::admit)
                .isInstanceOfSatisfying(RelayBehindException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void aSampleTheScheduleCouldNotRenewIsIgnored() {
        lag.record(NOW.minusSeconds(3), 5_000, 1_000);

        assertThatCode(new CommandBackpressure(lag, LIMIT_100, clock)::admit).doesNotThrowAnyException();
    }

    @Test
    void aLimitOfZeroTurnsPushingBackOff() {
        lag.record(NOW, 5_000, 1_000);
        BackpressureProperties off = new BackpressureProperties(0, Duration.ofMillis(200), Duration.ofSeconds(5));

        assertThatCode(new CommandBackpressure(lag, off, clock)::admit).doesNotThrowAnyException();
    }
}
