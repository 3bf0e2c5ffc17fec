package io.inferctl.query.web;

import io.inferctl.api.testing.HostileRequests;
import io.inferctl.api.testing.HostileRequests.Hostile;
import io.inferctl.api.testing.RawHttp;
import io.inferctl.query.support.QueryServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever layer refuses a hostile request, Tomcat, the firewall or Spring MVC, the answer is our problem. */
class HostileRequestTest extends QueryServiceTest {

    static Stream<Hostile> hostileRequests() {
        return HostileRequests.against("/v1/endpoints");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileRequests")
    void isRefusedWithAProblemThatHasACode(Hostile hostile) {
        RawHttp.Answer answer = RawHttp.send(port, hostile.request());

        if (hostile.status() == 0) {
            assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
        } else {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(hostile.status());
        }
        assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).as(answer.toString()).isNotBlank();
        assertThat(answer.json().path("status").asInt()).isEqualTo(answer.status());
    }
}
