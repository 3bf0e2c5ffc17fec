package io.inferctl.api.testing;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests an outside probe sends to find answers that are not Problem Details: malformed request
 * lines, paths the servlet container or Spring Security's firewall refuse, oversized or malformed
 * headers, methods nobody serves. Each service sends them all to one of its paths.
 */
public final class HostileRequests {

    /** Past {@code server.max-http-request-header-size} (8 KB by default). */
    private static final int LARGE = 20 * 1024;
    private static final int LONG_QUERY = 10 * 1024;

    private HostileRequests() {
    }

    /**
     * @param status the status expected, or 0 for any 4xx
     */
    public record Hostile(String description, String request, int status) {

        /** Sends it and checks the answer: the expected 4xx, as our problem with a code and its status. */
        public RawHttp.Answer sendAndExpectProblem(int port) {
            RawHttp.Answer answer = RawHttp.send(port, request);
            if (status == 0) {
                assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
            } else {
                assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
            }
            assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
            assertThat(answer.json().path("code").asText()).as(answer.toString()).isNotBlank();
            assertThat(answer.json().path("status").asInt()).as(answer.toString()).isEqualTo(answer.status());
            return answer;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** @param path an existing path of the service, e.g. {@code /v1/endpoints} */
    public static Stream<Hostile> against(String path) {
        String parent = path.substring(0, path.lastIndexOf('/') + 1);
        String leaf = path.substring(path.lastIndexOf('/') + 1);
        return Stream.of(
                get("a 20 KB header", path, List.of("X-Padding: " + "a".repeat(LARGE))),
                get("a 10 KB query string", path + "?q=" + "a".repeat(LONG_QUERY), List.of()),
                get("a 20 KB query string", path + "?q=" + "a".repeat(LARGE), List.of()),
                get("an encoded ../ in the path", parent + "..%2F..%2Fetc%2Fpasswd", List.of()),
                get("an encoded slash in the path", parent + leaf + "%2Fx", List.of()),
                get("a NUL in the path", path + "/%00", List.of()),
                get("a malformed percent-encoding in the path", path + "/%zz", List.of()),
                get("a path above the root", "/../../etc/passwd", List.of()),
                get("a matrix parameter", path + ";x=1", List.of()),
                get("a double slash", "/" + path, List.of()),
                get("..;/ in the path", parent + "..;/" + leaf, List.of()),
                get("a character not allowed in the request target", path + "?q=<script>", List.of()),
                new Hostile("a negative Content-Length", "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: -5\r\nConnection: close\r\n\r\n{}", 0),
                new Hostile("a Content-Length that is not a number", "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}", 0),
                new Hostile("no Host header", "GET " + path + " HTTP/1.1\r\nConnection: close\r\n\r\n", 0),
                new Hostile("TRACE", "TRACE " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 405),
                get("a C1 control character in a header", path, List.of("User-Agent: probe\u0085")),
                get("a malformed Accept header", path, List.of("Accept: foo")),
                get("an Accept header with a bad parameter", path, List.of("Accept: application/json;q=x")),
                new Hostile("/error asked for directly", "GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 404));
    }

    /**
     * The WARN and ERROR lines that request threads logged, in log output such as Spring Boot's
     * {@code CapturedOutput}: a refusal is the client's business and logs at DEBUG only. Other threads
     * (a relay, a projection, a simulated cluster) log on threads of their own.
     */
    public static List<String> warningsOnRequestThreads(String log) {
        return Arrays.stream(log.split("\\R"))
                .filter(line -> line.contains("-exec-") && (line.contains(" WARN ") || line.contains(" ERROR ")))
                .toList();
    }

    private static Hostile get(String description, String target, List<String> headers) {
        StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
        headers.forEach(header -> request.append(header).append("\r\n"));
        return new Hostile(description, request.append("Connection: close\r\n\r\n").toString(), 0);
    }
}
