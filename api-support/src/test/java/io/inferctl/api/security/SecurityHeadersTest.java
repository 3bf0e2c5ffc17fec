package io.inferctl.api.security;

import io.inferctl.api.headers.SecurityHeaders;
import io.inferctl.api.testing.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static io.inferctl.api.security.SecuredApp.VIEWER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer carries the security headers, whoever writes it: the controller, Spring MVC, Spring
 * Security, one of our filters or Tomcat before any of them ran.
 */
@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + SecuredApp.CONFIG_NAME)
class SecurityHeadersTest {

    private static final Map<String, String> EXPECTED = Map.of(
            "x-content-type-options", "nosniff",
            "cache-control", "no-store",
            "content-security-policy", SecurityHeaders.CONTENT_SECURITY_POLICY,
            "referrer-policy", "no-referrer",
            "x-frame-options", "DENY");

    @LocalServerPort
    private int port;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "200 | GET /v1/things, a viewer             | GET /v1/things HTTP/1.1\\r\\nAuthorization: Bearer " + VIEWER_TOKEN,
            "401 | GET /v1/things, no token             | GET /v1/things HTTP/1.1",
            "403 | POST /v1/admin/things, a viewer      | POST /v1/admin/things HTTP/1.1\\r\\nContent-Length: 0\\r\\nAuthorization: Bearer " + VIEWER_TOKEN,
            "404 | a path nobody serves                 | GET /v1/nothing HTTP/1.1\\r\\nAuthorization: Bearer " + VIEWER_TOKEN,
            "405 | DELETE, which nobody serves          | DELETE /v1/things HTTP/1.1\\r\\nAuthorization: Bearer " + VIEWER_TOKEN,
            "405 | TRACE, refused by Tomcat             | TRACE /v1/things HTTP/1.1",
            "400 | a malformed Accept, refused by filter | GET /v1/things HTTP/1.1\\r\\nAccept: foo",
            "400 | ..;/ refused by the firewall         | GET /v1/..;/things HTTP/1.1",
            "400 | an encoded slash, refused by Tomcat  | GET /v1/a%2Fb HTTP/1.1",
            "400 | a 20 KB header, refused by Tomcat    | GET /v1/things HTTP/1.1\\r\\nX-Padding: PADDING",
    })
    void everyAnswerCarriesTheSecurityHeaders(int status, String description, String head) {
        String request = head.replace("\\r\\n", "\r\n").replace("PADDING", "a".repeat(20 * 1024))
                + "\r\nHost: localhost\r\nX-Forwarded-For: 192.0.2.1\r\nConnection: close\r\n\r\n";

        RawHttp.Answer answer = RawHttp.send(port, request);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.headers()).as(description).containsAllEntriesOf(EXPECTED);
    }
}
