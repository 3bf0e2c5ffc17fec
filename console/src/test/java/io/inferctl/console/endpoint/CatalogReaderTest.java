package io.inferctl.console.endpoint;

import io.inferctl.console.ConsoleProperties;
import io.inferctl.console.api.ApiViews.Catalog;
import io.inferctl.console.api.CommandApi;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class CatalogReaderTest {

    private static final Duration TTL = Duration.ofMinutes(1);

    private final CommandApi command = mock(CommandApi.class);
    private final MovableClock clock = new MovableClock();
    private final CatalogReader reader = new CatalogReader(command, properties(), clock);

    @Test
    void theCatalogIsReadOnceAndKeptForItsTimeToLive() {
        Catalog first = catalog("NVIDIA_H100");
        Catalog second = catalog("NVIDIA_H100", "NVIDIA_B200");
        when(command.catalog("token")).thenReturn(first, second);

        assertThat(reader.read("token")).isSameAs(first);
        clock.advance(TTL.minusSeconds(1));
        assertThat(reader.read("token")).isSameAs(first);
        verify(command, times(1)).catalog("token");

        clock.advance(Duration.ofSeconds(1));
        assertThat(reader.read("token")).isSameAs(second);
        verify(command, times(2)).catalog("token");
    }

    private static Catalog catalog(String... types) {
        return new Catalog(List.of(types), List.of(1, 2), List.of("hf"), Map.of());
    }

    private static ConsoleProperties properties() {
        return new ConsoleProperties(URI.create("http://command"), URI.create("http://query"), Duration.ofSeconds(1),
                20, 100, Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofMinutes(5), 1, TTL);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-05T07:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
