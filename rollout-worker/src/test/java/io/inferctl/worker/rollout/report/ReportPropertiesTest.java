package io.inferctl.worker.rollout.report;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code inferctl.reports.command-url} and {@code command-urls} bind, as Spring Boot binds them. */
class ReportPropertiesTest {

    @Test
    void commandUrlAloneIsAOneInstanceList() {
        assertThat(bind(Map.of("inferctl.reports.command-url", "http://command:8081")).targets())
                .containsExactly(URI.create("http://command:8081"));
    }

    @Test
    void commandUrlsAreTriedInTheOrderGivenAndTakePrecedence() {
        assertThat(bind(Map.of("inferctl.reports.command-url", "http://command:8081",
                "inferctl.reports.command-urls", "http://command-2:8081,http://command:8081")).targets())
                .containsExactly(URI.create("http://command-2:8081"), URI.create("http://command:8081"));
    }

    @Test
    void anEmptyCommandUrlsAsTheLocalProfileLeavesItWithoutCOMMAND_URLSFallsBackToCommandUrl() {
        assertThat(bind(Map.of("inferctl.reports.command-url", "http://command:8081",
                "inferctl.reports.command-urls", "")).targets())
                .containsExactly(URI.create("http://command:8081"));
    }

    @Test
    void withNothingSetReportsGoToTheLocalCommandService() {
        assertThat(bind(Map.of()).targets()).containsExactly(URI.create("http://localhost:8081"));
    }

    private static ReportProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("inferctl.reports", ReportProperties.class);
    }
}
