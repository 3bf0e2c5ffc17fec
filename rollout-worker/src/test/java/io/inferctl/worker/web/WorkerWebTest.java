package io.inferctl.worker.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.api.problem.Refusals;
import io.inferctl.api.testing.HostileRequests;
import io.inferctl.api.testing.HostileRequests.Hostile;
import io.inferctl.api.testing.RawHttp;
import io.inferctl.worker.support.RunningWorker;
import io.inferctl.worker.support.TestStack;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker's actuator port: refusals as our problems, health without details. */
@ExtendWith(OutputCaptureExtension.class)
class WorkerWebTest {

    /**
     * Without Spring Security's firewall nothing refuses these two on the worker: Tomcat drops the
     * path parameter and merges the slashes, and the health endpoint answers as usual.
     */
    private static final Set<String> SERVED_AS_HEALTH = Set.of("a matrix parameter", "a double slash");

    private static RunningWorker worker;

    @BeforeAll
    static void start() {
        worker = RunningWorker.start(TestStack.workerProperties("worker_web_tests", TestStack.kubeconfig()));
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
    }

    static Stream<Hostile> hostileRequests() {
        return HostileRequests.against("/actuator/health").filter(h -> !SERVED_AS_HEALTH.contains(h.description()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void aHostileRequestIsRefusedWithAProblemThatHasACodeIsCountedAndLogsNoWarning(Hostile hostile,
                                                                                    CapturedOutput output) {
        int logged = output.getAll().length();
        MeterRegistry meters = worker.context().getBean(MeterRegistry.class);
        double before = meters.find(Refusals.METRIC).counters().stream().mapToDouble(c -> c.count()).sum();

        hostile.sendAndExpectProblem(worker.port());
        assertThat(meters.find(Refusals.METRIC).counters().stream().mapToDouble(c -> c.count()).sum())
                .isEqualTo(before + 1);
        assertThat(HostileRequests.warningsOnRequestThreads(output.getAll().substring(logged))).isEmpty();
    }

    @Test
    void healthAndItsProbesShowTheStatusAlone() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            RawHttp.Answer answer = RawHttp.send(worker.port(),
                    "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            JsonNode health = answer.json();

            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(health.path("status").asText()).as(path).isEqualTo("UP");
            assertThat(health.has("components")).as(answer.toString()).isFalse();
            assertThat(health.has("details")).as(answer.toString()).isFalse();
        }
    }

    /**
     * Actuator routes keep their own parameters: they are served outside Spring MVC's interceptors,
     * and probes and scrapers may add parameters of their own (a cache-buster) that must not fail them.
     */
    @Test
    void healthIgnoresAParameterItDoesNotTake() {
        RawHttp.Answer answer = RawHttp.send(worker.port(),
                "GET /actuator/health?x=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void aQueryStringThatCannotBeDecodedIsRefusedOnTheActuatorTooNamingTheParameter() {
        RawHttp.Answer answer = RawHttp.send(worker.port(),
                "GET /actuator/health?x=%%%garbage HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isEqualTo("MALFORMED_REQUEST");
        assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("x");
    }
}
