package io.inferctl.worker.rollout.report;

import io.inferctl.worker.rollout.CommandReports.Answer;
import io.inferctl.worker.rollout.VersionRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report that lost an append race with a client's change of the same endpoint (409
 * {@code CONCURRENT_MODIFICATION}, the command API's "read it again and retry") is retried, not
 * taken as a refusal: the fault suite saw a warm standby's {@code started} report dropped this way.
 */
class HttpCommandReportsRaceTest {

    private static final VersionRef VERSION = new VersionRef("ep-1", "llama", 3);
    private static final String RACED = "{\"type\":\"urn:inferctl:problem:concurrent-modification\",\"status\":409,"
            + "\"code\":\"CONCURRENT_MODIFICATION\"}";

    private FakeCommandInstance instance;

    @AfterEach
    void stop() {
        instance.stop();
    }

    @Test
    void aReportThatLostAnAppendRaceIsSentAgainToTheSameInstance() {
        instance = new FakeCommandInstance(new FakeCommandInstance.Reply(409, RACED), new FakeCommandInstance.Reply(202, null));

        assertThat(reports().standbyStarted(VERSION, 1, Instant.parse("2026-12-06T03:00:00Z")))
                .isEqualTo(Answer.ACCEPTED);

        assertThat(instance.received()).hasSize(2);
    }

    @Test
    void anyOtherConflictIsStillARefusal() {
        instance = new FakeCommandInstance(new FakeCommandInstance.Reply(409,
                "{\"status\":409,\"code\":\"ROLLOUT_ALREADY_ENDED\"}"), new FakeCommandInstance.Reply(202, null));

        assertThat(reports().succeeded(VERSION)).isEqualTo(Answer.REFUSED);

        assertThat(instance.received()).hasSize(1);
    }

    private HttpCommandReports reports() {
        return new HttpCommandReports(new ReportProperties(instance.url(), List.of(), "worker-token",
                Duration.ofSeconds(2), 4, Duration.ofMillis(10), Duration.ofMillis(50)), RestClient.builder(),
                new SimpleMeterRegistry());
    }
}
