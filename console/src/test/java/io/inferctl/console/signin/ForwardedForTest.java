package io.inferctl.console.signin;

import com.sun.net.httpserver.HttpServer;
import io.inferctl.console.ConsoleClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console signs people in on behalf of their browsers, so the APIs' limit of failed
 * authentications per address must count the browser, not the console: every call carries
 * {@code X-Forwarded-For}, and a browser the APIs have limited is told so with 429. The APIs are a
 * stand-in HTTP server here (it answers as the real ones do and records what it was sent); that the
 * real APIs count per forwarded address from a trusted proxy is api-support's ClientAddressTest and
 * FailedAuthenticationLimitTest.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=console")
class ForwardedForTest {

    private static final HttpServer API = start();
    private static final List<String> FORWARDED = new CopyOnWriteArrayList<>();
    private static volatile int status = 401;
    private static volatile String problem = "{\"status\":401,\"code\":\"UNAUTHENTICATED\",\"title\":\"Unauthenticated\"}";

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void apis(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + API.getAddress().getPort();
        registry.add("inferctl.console.query-url", () -> url);
        registry.add("inferctl.console.command-url", () -> url);
    }

    @AfterAll
    static void stop() {
        API.stop(0);
    }

    @BeforeEach
    void refusesUnknownTokens() {
        FORWARDED.clear();
        status = 401;
        problem = "{\"status\":401,\"code\":\"UNAUTHENTICATED\",\"title\":\"Unauthenticated\"}";
    }

    @Test
    void aSignInTellsTheApisTheBrowsersAddress() throws Exception {
        HttpResponse<String> refused = new ConsoleClient(port).signIn("wrong");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(FORWARDED).isNotEmpty().allMatch("127.0.0.1"::equals);
    }

    @Test
    void aBrowserTheApisLimitIsToldToWaitWithTheirWords() throws Exception {
        status = 429;
        problem = "{\"status\":429,\"code\":\"TOO_MANY_FAILED_AUTHENTICATIONS\",\"title\":\"Too many failed "
                + "authentications\",\"detail\":\"This address sent too many missing or unknown tokens; try again in 42 s.\"}";

        HttpResponse<String> limited = new ConsoleClient(port).signIn("guess");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("Too many failed sign-ins from your address.", "try again in 42 s.");
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
                FORWARDED.add(String.valueOf(forwarded));
                byte[] body = problem.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
