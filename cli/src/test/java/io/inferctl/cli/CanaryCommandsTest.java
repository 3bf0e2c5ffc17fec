package io.inferctl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code versions promote|abort} and what {@code versions} and {@code version} show of a canary and
 * a warm version, run as {@code bin/inferctl} runs them against a local HTTP server that answers
 * as the two APIs do (the command API's canary endpoints are another change's; this pins the request).
 */
class CanaryCommandsTest {

    private static final String ID = "8d5b2c1e-4f7a-4c39-9e21-6a0b3d2f7c55";
    private static final String ENDPOINTS = """
            {"items": [{"endpointId": "%s", "name": "llama-chat", "status": "UPDATING", "currentVersion": 3,
                        "latestVersion": 4, "inProgress": {"version": 4, "status": "ROLLING_OUT", "phase": "CANARY",
                        "canaryPercent": 10, "cancellationRequested": false}}], "nextCursor": null}""".formatted(ID);
    private static final String ROLLOUT = """
            {"strategy": "CANARY", "canarySteps": "10%:5m,50%:5m", "bakeSeconds": 60, "warmStandbySeconds": 1800,
             "standbyReplicas": 1, "maxErrorRatePercent": 5, "maxP99LatencyMs": 250}""";
    private static final String V4 = """
            {"endpointId": "%s", "version": 4, "status": "ROLLING_OUT", "phase": "CANARY", "canaryPercent": 10,
             "origin": "UPDATE", "basedOn": 3, "createdBy": "deployer@local", "createdAt": "2026-12-06T12:00:00Z",
             "config": {"rollout": %s}, "changes": [], "timeline": []}""".formatted(ID, ROLLOUT);
    private static final String V2 = """
            {"endpointId": "%s", "version": 2, "status": "SUPERSEDED", "origin": "UPDATE", "basedOn": 1,
             "createdBy": "deployer@local", "createdAt": "2026-12-06T11:00:00Z",
             "standby": {"warmUntil": "2026-12-06T14:05:30Z", "replicas": 1},
             "config": {"rollout": %s}, "changes": [], "timeline": []}""".formatted(ID, ROLLOUT);

    @TempDir
    Path home;

    private final ObjectMapper json = new ObjectMapper();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private HttpServer server;

    private record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    private record Answer(int status, String body) {
    }

    private record Outcome(int code, String out, String err) {
    }

    @BeforeEach
    void startApis() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        answers.put("GET /v1/endpoints", new Answer(200, ENDPOINTS));
        answers.put("GET /v1/endpoints/" + ID + "/versions", new Answer(200, "{\"items\": [" + V4 + ", " + V2 + "]}"));
        answers.put("GET /v1/endpoints/" + ID + "/versions/2", new Answer(200, V2));
        String accepted = """
                {"endpointId": "%s", "name": "llama-chat", "version": 4, "status": "ROLLING_OUT", "sequence": 21}""".formatted(ID);
        answers.put("POST /v1/endpoints/" + ID + "/versions/4/canary/promote", new Answer(202, accepted));
        answers.put("POST /v1/endpoints/" + ID + "/versions/4/canary/abort", new Answer(202, accepted));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void promoteSendsTheCommentAsCancelSendsItsOwn() throws Exception {
        Outcome outcome = run("versions", "promote", "llama-chat", "v4", "--comment", "looks good", "--no-wait");

        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(outcome.out()).isEqualTo("llama-chat: promote of v4 requested\n");
        Request sent = sent("POST");
        assertThat(sent.path()).isEqualTo("/v1/endpoints/" + ID + "/versions/4/canary/promote");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer deployer-token");
        assertThat(sent.header("Idempotency-Key")).startsWith("inferctl-");
        assertThat(sent.header("If-Match")).isNull();
        assertThat(sent.header("Content-Type")).startsWith("application/json");
        assertThat(json.readTree(sent.body())).isEqualTo(json.readTree("{\"comment\": \"looks good\"}"));
    }

    @Test
    void abortWithoutACommentSendsAnEmptyObject() throws Exception {
        Outcome outcome = run("versions", "abort", "llama-chat", "4", "--no-wait");

        assertThat(outcome.code()).as(outcome.err()).isZero();
        Request sent = sent("POST");
        assertThat(sent.path()).isEqualTo("/v1/endpoints/" + ID + "/versions/4/canary/abort");
        JsonNode body = json.readTree(sent.body());
        assertThat(body.isObject()).isTrue();
        assertThat(body.size()).isZero();
    }

    @Test
    void aRefusedPromoteIsOneLineNamingTheCodeAndFieldWithTheConflictsExitCode() {
        answers.put("POST /v1/endpoints/" + ID + "/versions/4/canary/promote", new Answer(409, """
                {"type": "about:blank", "title": "Conflict", "status": 409, "code": "NOT_IN_CANARY",
                 "errors": [{"field": "version", "reason": "v4 is not in a canary step or baking"}]}"""));

        Outcome outcome = run("versions", "promote", "llama-chat", "4", "--no-wait");

        assertThat(outcome.code()).isEqualTo(ExitCode.CONFLICT);
        assertThat(outcome.err().lines()).hasSize(1);
        assertThat(outcome.err()).startsWith("error: ").contains("NOT_IN_CANARY", "version: v4 is not in a canary step or baking");
    }

    @Test
    void aVersionThatIsNotANumberIsAUsageErrorAndSendsNothing() {
        Outcome outcome = run("versions", "abort", "llama-chat", "latest", "--no-wait");

        assertThat(outcome.code()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.err()).contains("N must be a version number");
        assertThat(requests).isEmpty();
    }

    @Test
    void theHistoryShowsTheCanarysWeightAndWhichVersionIsWarmUntilWhen() {
        Outcome outcome = run("versions", "llama-chat");

        assertThat(outcome.code()).as(outcome.err()).isZero();
        List<String> lines = outcome.out().lines().toList();
        assertThat(lines.get(0)).contains("VERSION", "STATUS", "WARM", "POLICY");
        assertThat(lines.get(1)).contains("v4", "ROLLING_OUT (CANARY 10%)", "CANARY 10%:5m,50%:5m").doesNotContain("until");
        assertThat(lines.get(2)).contains("v2", "SUPERSEDED", "until 14:05 UTC (1 replica)");
    }

    @Test
    void aWarmVersionSaysUntilWhenAndItsPolicyInFull() {
        Outcome outcome = run("version", "llama-chat", "2");

        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("warm until 14:05 UTC (1 replica): a rollback to its settings switches traffic at once")
                .contains("rollout policy: CANARY 10%:5m,50%:5m, bake 60 s, warm standby 1800 s on 1 replica(s), "
                        + "fails past 5% errors or p99 250 ms")
                .containsPattern("rollout\\.strategy\\s+CANARY");
    }

    @Test
    void theEndpointListShowsTheCanarysWeight() {
        Outcome outcome = run("endpoints", "list");

        assertThat(outcome.code()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("v4 ROLLING_OUT CANARY 10%");
    }

    private Request sent(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + method + " reached the APIs: " + requests));
    }

    private Outcome run(String... args) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> env = Map.of("HOME", home.toString(), "INFERCTL_STACK_ENV", home.resolve("none").toString(),
                "INFERCTL_COMMAND_URL", url, "INFERCTL_QUERY_URL", url, "INFERCTL_TOKEN", "deployer-token");
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Inferctl.run(args, env, home);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        // Header names as sent, whatever their case (HttpServer capitalises only their first letter).
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        requests.add(new Request(method, path, headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Answer answer = answers.getOrDefault(method + " " + path, new Answer(404, """
                {"title": "Not found", "status": 404, "code": "ENDPOINT_NOT_FOUND"}"""));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.status() < 400 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
