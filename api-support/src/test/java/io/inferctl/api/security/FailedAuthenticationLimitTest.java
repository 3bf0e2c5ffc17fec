package io.inferctl.api.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;

import static io.inferctl.api.security.SecuredApp.LIMIT;
import static io.inferctl.api.security.SecuredApp.VIEWER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + SecuredApp.CONFIG_NAME)
class FailedAuthenticationLimitTest {

    @LocalServerPort
    private int port;
    @Autowired
    private MeterRegistry meters;

    private SecuredAppClient http;

    @BeforeEach
    void connect() {
        http = new SecuredAppClient(port);
    }

    @Test
    void anAddressThatFailsTooOftenHears429WithRetryAfterWhateverTokenItSendsNext() {
        String guesser = "198.51.100.10";
        for (int attempt = 0; attempt < LIMIT; attempt++) {
            assertThat(http.get("/v1/things", guesser, "guess-" + attempt).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> limited = http.get("/v1/things", guesser, "guess-again");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(limited.body()).contains("\"code\":\"TOO_MANY_FAILED_AUTHENTICATIONS\"", "\"status\":429");
        // The bucket refills LIMIT failures per hour: the next one in 20 minutes at most.
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 1200L);
        // A right guess made while limited is not looked at: the guesser learns nothing from it.
        assertThat(http.get("/v1/things", guesser, VIEWER_TOKEN).statusCode()).isEqualTo(429);
        assertThat(http.get("/v1/things", guesser, null).statusCode()).isEqualTo(429);
    }

    @Test
    void otherAddressesAndSuccessfulRequestsAreNotSlowedByAnotherAddressFailing() {
        String guesser = "198.51.100.20";
        String honest = "198.51.100.21";
        for (int attempt = 0; attempt <= LIMIT; attempt++) {
            http.get("/v1/things", guesser, "guess-" + attempt);
        }
        assertThat(http.get("/v1/things", guesser, "one-more").statusCode()).isEqualTo(429);

        for (int request = 0; request < 3 * LIMIT; request++) {
            assertThat(http.get("/v1/things", honest, VIEWER_TOKEN).statusCode()).isEqualTo(200);
        }
        assertThat(http.get("/v1/things", honest, "a-typo").statusCode()).isEqualTo(401);
    }

    @Test
    void aForbiddenRoleIsNoFailedAuthentication() {
        String viewer = "198.51.100.30";
        for (int request = 0; request < 2 * LIMIT; request++) {
            assertThat(http.send("POST", "/v1/admin/things", viewer, VIEWER_TOKEN).statusCode()).isEqualTo(403);
        }
        assertThat(http.get("/v1/things", viewer, VIEWER_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void refusalsAndLimitedAttemptsAreCounted() {
        double refused = count("refused");
        double limited = count("limited");
        String guesser = "198.51.100.40";
        for (int attempt = 0; attempt < LIMIT + 2; attempt++) {
            http.get("/v1/things", guesser, "guess-" + attempt);
        }
        assertThat(count("refused") - refused).isEqualTo(LIMIT);
        assertThat(count("limited") - limited).isEqualTo(2);
    }

    private double count(String outcome) {
        var counter = meters.find(FailedAuthenticationLimiter.METRIC).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
