package io.inferctl.command.web;

import io.inferctl.api.problem.Refusals;
import io.inferctl.api.testing.RawHttp;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any client can send refusals by the thousand: none may reach the log at WARN, each is counted by
 * status and code, whichever layer refused it.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefusalLoggingTest extends CommandServiceTest {

    @LocalServerPort
    private int port;
    @Autowired
    private MeterRegistry meters;

    /** @param send sends the request and returns the status of the answer */
    private record Refusal(int status, String code, IntSupplier send) {
    }

    @Test
    void refusalsFromEveryLayerLogNothingAtWarnAndAreCountedByStatusAndCode(CapturedOutput output) {
        // The first command registers Axon's gauges (with a WARN of its own); not a refusal.
        servingEndpoint(unique("warm"));
        List<Refusal> refusals = List.of(
                new Refusal(404, "ENDPOINT_NOT_FOUND", () -> api.delete("/v1/endpoints/" + UUID.randomUUID())
                        .as(Tokens.ADMIN).send().status()),
                new Refusal(422, "INVALID_CONFIGURATION", () -> api.post("/v1/endpoints").as(Tokens.ALICE)
                        .json(Map.of("name", unique("t4"), "config", Map.of(
                                "model", Map.of("name", "m", "source", "hf://org/model"),
                                "accelerator", Map.of("type", "NVIDIA_T4", "count", 1),
                                "autoscaling", Map.of("minReplicas", 1, "maxReplicas", 2)))).send().status()),
                new Refusal(405, "METHOD_NOT_ALLOWED", () -> api.delete("/v1/endpoints").as(Tokens.ADMIN).send().status()),
                new Refusal(401, "UNAUTHENTICATED", () -> api.get("/v1/endpoints").send().status()),
                new Refusal(400, "REQUEST_REJECTED", () -> raw("GET /v1/endpoints;x=1 HTTP/1.1")),
                new Refusal(400, "BAD_REQUEST", () -> raw("GET /v1/endpoints/%zz HTTP/1.1")),
                new Refusal(405, "METHOD_NOT_ALLOWED", () -> raw("TRACE /v1/endpoints HTTP/1.1")));

        int logged = output.getAll().length();
        for (Refusal refusal : refusals) {
            double before = count(refusal.status(), refusal.code());

            assertThat(refusal.send().getAsInt()).as(refusal.code()).isEqualTo(refusal.status());
            assertThat(count(refusal.status(), refusal.code())).as(refusal.code()).isEqualTo(before + 1);
        }

        List<String> warnings = Arrays.stream(output.getAll().substring(logged).split("\\R"))
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                .toList();
        assertThat(warnings).isEmpty();
    }

    private int raw(String requestLine) {
        return RawHttp.send(port, requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").status();
    }

    private double count(int status, String code) {
        Counter counter = meters.find(Refusals.METRIC).tag("status", Integer.toString(status)).tag("code", code).counter();
        return counter == null ? 0 : counter.count();
    }

}
