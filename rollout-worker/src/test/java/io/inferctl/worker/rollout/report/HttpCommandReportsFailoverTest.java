package io.inferctl.worker.rollout.report;

import io.inferctl.worker.rollout.CommandReports.Answer;
import io.inferctl.worker.rollout.ReportUndeliveredException;
import io.inferctl.worker.rollout.VersionRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reports to several command-service instances over real HTTP: two small servers stand in for the
 * instances, each answering with a fixed status and recording what it received; a stopped one stands
 * in for a dead instance (connection refused).
 */
class HttpCommandReportsFailoverTest {

    private static final VersionRef VERSION = new VersionRef("ep-1", "llama", 3);
    private static final int MAX_ATTEMPTS = 4;

    private final List<FakeCommandInstance> started = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        started.forEach(FakeCommandInstance::stop);
    }

    @Test
    void aReportGoesToTheNextInstanceWhenTheFirstRefusesConnectionsWithItsIdempotencyKey() {
        FakeCommandInstance dead = instance(202);
        dead.stop();
        FakeCommandInstance alive = instance(202);

        assertThat(reports(dead, alive).succeeded(VERSION)).isEqualTo(Answer.ACCEPTED);

        assertThat(alive.received()).containsExactly(
                "/v1/internal/endpoints/ep-1/versions/3/rollout/succeeded key=ep-1:3:succeeded");
    }

    @Test
    void aFiveHundredSendsTheReportToTheNextInstanceWhichThenTakesTheFollowingReportsFirst() {
        FakeCommandInstance failing = instance(503);
        FakeCommandInstance alive = instance(202);
        HttpCommandReports reports = reports(failing, alive);

        assertThat(reports.started(VERSION)).isEqualTo(Answer.ACCEPTED);
        assertThat(reports.cancelled(VERSION)).isEqualTo(Answer.ACCEPTED);

        assertThat(failing.received()).hasSize(1);
        assertThat(alive.received()).containsExactly(
                "/v1/internal/endpoints/ep-1/versions/3/rollout/started key=null",
                "/v1/internal/endpoints/ep-1/versions/3/rollout/cancelled key=ep-1:3:cancelled");
    }

    @Test
    void aRefusalIsTheCommandSidesAnswerAndIsNotAskedOfAnotherInstance() {
        FakeCommandInstance refusing = instance(409);
        FakeCommandInstance other = instance(202);

        assertThat(reports(refusing, other).succeeded(VERSION)).isEqualTo(Answer.REFUSED);

        assertThat(refusing.received()).hasSize(1);
        assertThat(other.received()).isEmpty();
    }

    @Test
    void withEveryInstanceFailingTheReportIsUndeliveredAfterTheOneAttemptBudgetSpreadOverBoth() {
        FakeCommandInstance first = instance(503);
        FakeCommandInstance second = instance(502);

        assertThatThrownBy(() -> reports(first, second).succeeded(VERSION))
                .isInstanceOf(ReportUndeliveredException.class)
                .hasMessageContaining("after " + MAX_ATTEMPTS + " attempts");

        assertThat(first.received()).hasSize(MAX_ATTEMPTS / 2);
        assertThat(second.received()).hasSize(MAX_ATTEMPTS / 2);
    }

    @Test
    void aSingleCommandUrlStillReportsAsBefore() {
        FakeCommandInstance only = instance(202);
        HttpCommandReports reports = new HttpCommandReports(properties(only.url(), List.of()), RestClient.builder(),
                new SimpleMeterRegistry());

        assertThat(reports.succeeded(VERSION)).isEqualTo(Answer.ACCEPTED);

        assertThat(only.received()).hasSize(1);
    }

    private HttpCommandReports reports(FakeCommandInstance... instances) {
        List<URI> urls = Arrays.stream(instances).map(FakeCommandInstance::url).toList();
        return new HttpCommandReports(properties(URI.create("http://127.0.0.1:1"), urls), RestClient.builder(),
                new SimpleMeterRegistry());
    }

    private static ReportProperties properties(URI commandUrl, List<URI> commandUrls) {
        return new ReportProperties(commandUrl, commandUrls, "worker-token", Duration.ofSeconds(2), MAX_ATTEMPTS,
                Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private FakeCommandInstance instance(int status) {
        FakeCommandInstance instance = new FakeCommandInstance(status);
        started.add(instance);
        return instance;
    }
}
