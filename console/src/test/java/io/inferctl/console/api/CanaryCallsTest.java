package io.inferctl.console.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inferctl.console.ConsoleProperties;
import io.inferctl.console.api.ApiViews.MutationAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Promote and Abort as the console sends them to the command API: path, headers and body, read by a
 * local HTTP server standing in for the command API (whose canary endpoints are another change's).
 */
class CanaryCallsTest {

    private static final String ID = "0f268819-3ec5-4869-895e-a101496803ff";
    private static final String ANSWER = """
            {"endpointId": "%s", "name": "llama-chat", "version": 4, "status": "ROLLING_OUT", "sequence": 17,
             "changed": true, "dryRun": false}""".formatted(ID);

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private HttpServer server;
    private int status = 202;
    private String answer = ANSWER;
    private CommandApi command;

    record Request(String method, String path, String authorization, String idempotencyKey, String ifMatch,
                   String contentType, String body) {
    }

    @BeforeEach
    void startCommandApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ConsoleProperties properties = new ConsoleProperties(url, url, Duration.ofSeconds(5), 20, 1000,
                Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofMinutes(5), 2, Duration.ofMinutes(1));
        command = new ApiClients().commandApi(RestClient.builder(), properties, json);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void promoteSendsTheCommentWithTheTokenAndTheFormsKeyLikeCancel() throws Exception {
        MutationAnswer answered = command.promoteCanary("dev-deployer-token", ID, 4, "key-promote", "looks good");

        Request sent = next();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/endpoints/" + ID + "/versions/4/canary/promote");
        assertThat(sent.authorization()).isEqualTo("Bearer dev-deployer-token");
        assertThat(sent.idempotencyKey()).isEqualTo("key-promote");
        assertThat(sent.ifMatch()).isNull();
        assertThat(sent.contentType()).startsWith("application/json");
        assertThat(json.readTree(sent.body())).isEqualTo(json.readTree("{\"comment\": \"looks good\"}"));
        assertThat(answered.sequence()).isEqualTo(17);
    }

    @Test
    void abortWithoutACommentSendsAnEmptyBody() throws Exception {
        command.abortCanary("dev-deployer-token", ID, 4, "key-abort", null);

        Request sent = next();
        assertThat(sent.path()).isEqualTo("/v1/endpoints/" + ID + "/versions/4/canary/abort");
        assertThat(sent.idempotencyKey()).isEqualTo("key-abort");
        JsonNode body = json.readTree(sent.body());
        assertThat(body.isObject()).isTrue();
        assertThat(body.size()).isZero();
    }

    @Test
    void aRefusedPromoteComesBackAsTheApisProblem() {
        status = 409;
        answer = """
                {"type": "about:blank", "title": "Conflict", "status": 409, "code": "NOT_IN_CANARY",
                 "detail": "v4 is not in a canary step or baking", "errors": [{"field": "version", "reason": "is not in CANARY or BAKING"}]}""";

        assertThatThrownBy(() -> command.promoteCanary("dev-deployer-token", ID, 4, "key", null))
                .isInstanceOfSatisfying(ApiRefusal.class, refusal -> {
                    assertThat(refusal.problem().status()).isEqualTo(409);
                    assertThat(refusal.problem().code()).isEqualTo("NOT_IN_CANARY");
                    assertThat(refusal.problem().errors()).extracting(ApiProblem.FieldProblem::field).containsExactly("version");
                });
    }

    private Request next() throws InterruptedException {
        Request request = requests.poll(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the command API").isNotNull();
        return request;
    }

    private void answer(HttpExchange exchange) throws IOException {
        var headers = exchange.getRequestHeaders();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                headers.getFirst("Authorization"), headers.getFirst("Idempotency-Key"), headers.getFirst("If-Match"),
                headers.getFirst("Content-Type"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status < 400 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
