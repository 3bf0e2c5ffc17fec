package io.inferctl.worker.rollout.report;

import io.inferctl.command.support.EventStore;
import io.inferctl.command.support.RunningCommandService;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.rollout.RolloutReportApi;
import io.inferctl.worker.rollout.CommandReports;
import io.inferctl.worker.rollout.VersionRef;
import io.inferctl.worker.support.CommandSide;
import io.inferctl.worker.support.TestStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report client against the real command API: what a cluster says must never make a report refused. */
class HttpCommandReportsTest {

    private final RunningCommandService commands = TestStack.commands();
    private final CommandSide commandSide = new CommandSide(commands);
    private final EventStore events = new EventStore(commands.context().getBean(JdbcClient.class));
    private final HttpCommandReports reports = new HttpCommandReports(new ReportProperties(URI.create(commands.url()), List.of(),
            Tokens.WORKER, Duration.ofSeconds(10), 4, Duration.ofMillis(100), Duration.ofSeconds(1)),
            RestClient.builder(), new SimpleMeterRegistry());

    @Test
    void aClusterMessageWithColourCodesAndPastTheLimitIsRepairedAndShortenedSoTheFailureIsRecorded() {
        String endpointId = commandSide.create("report-text", CommandSide.config());
        VersionRef version = new VersionRef(endpointId, "report-text", 0);
        String engineLog = "engine: \u001b[31mCUDA out of memory\u001b[0m\u0000 " + "\uD83D\uDE80".repeat(RolloutReportApi.MAX_MESSAGE);

        assertThat(reports.started(version)).isEqualTo(CommandReports.Answer.ACCEPTED);
        assertThat(reports.failed(version, FailureCode.BAD_ENGINE_ARGUMENT, engineLog, "wait-ready"))
                .isEqualTo(CommandReports.Answer.ACCEPTED);

        String recorded = events.eventsOf(endpointId).stream()
                .filter(event -> event.simpleType().equals("RolloutFailed"))
                .findFirst().orElseThrow().payload().get("message").asText();
        assertThat(recorded).startsWith("engine: \uFFFD[31mCUDA out of memory\uFFFD[0m\uFFFD \uD83D\uDE80")
                .endsWith("…").hasSizeLessThanOrEqualTo(RolloutReportApi.MAX_MESSAGE);
    }

    @Test
    void aCanaryProgressCarriesTheNewVersionsShareOfTraffic() {
        String endpointId = commandSide.create("report-canary", CommandSide.config());
        VersionRef version = new VersionRef(endpointId, "report-canary", 0);

        reports.started(version);
        assertThat(reports.progress(version, RolloutPhase.CANARY, "10% of traffic for 5m (step 1 of 2)", 10))
                .isEqualTo(CommandReports.Answer.ACCEPTED);

        var progressed = events.eventsOf(endpointId).stream()
                .filter(event -> event.simpleType().equals("RolloutProgressed"))
                .filter(event -> "CANARY".equals(event.payload().get("phase").asText()))
                .findFirst().orElseThrow().payload();
        assertThat(progressed.get("canaryPercent").asInt()).isEqualTo(10);
        assertThat(progressed.get("message").asText()).isEqualTo("10% of traffic for 5m (step 1 of 2)");
    }
}
