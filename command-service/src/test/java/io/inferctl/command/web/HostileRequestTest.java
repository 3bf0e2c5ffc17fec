package io.inferctl.command.web;

import io.inferctl.api.testing.HostileRequests;
import io.inferctl.api.testing.HostileRequests.Hostile;
import io.inferctl.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever layer refuses a hostile request, Tomcat, the firewall or Spring MVC, the answer is our problem. */
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestTest extends CommandServiceTest {

    @LocalServerPort
    private int port;

    static Stream<Hostile> hostileRequests() {
        return HostileRequests.against("/v1/endpoints");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void isRefusedWithAProblemThatHasACodeAndLogsNoWarning(Hostile hostile, CapturedOutput output) {
        int logged = output.getAll().length();

        hostile.sendAndExpectProblem(port);
        assertThat(HostileRequests.warningsOnRequestThreads(output.getAll().substring(logged))).isEmpty();
    }

    @Test
    void theErrorPathIsNoOperationOfTheApiDescription() {
        assertThat(api.get("/v3/api-docs").send().body().get("paths").has("/error")).isFalse();
    }
}
