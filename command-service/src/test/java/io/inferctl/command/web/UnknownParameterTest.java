package io.inferctl.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.api.testing.RawHttp;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.EventStore;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query parameter a route does not take is refused, naming it and the ones the route does take,
 * before anything is stored: a typo must not pass for a request that was understood.
 */
class UnknownParameterTest extends CommandServiceTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    /**
     * One row per route of the command API; {@code {id}} is an endpoint whose v0 serves and whose v1
     * is pending, so most of these requests would change something if the parameter were ignored.
     */
    record Route(String method, String path, String token, Object body, String contentType, String parameter,
                 String known) {

        @Override
        public String toString() {
            return method + " " + path + "?" + parameter;
        }
    }

    static Stream<Route> routes() {
        String report = "/v1/internal/endpoints/{id}/versions/1/rollout/";
        return Stream.of(
                new Route("POST", "/v1/endpoints", Tokens.ALICE, createBody("typo-create"), null, "dryrun", "dryRun"),
                new Route("PATCH", "/v1/endpoints/{id}", Tokens.ALICE,
                        Map.of("config", Map.of("autoscaling", Map.of("maxReplicas", 3))), MERGE_PATCH, "force", "dryRun"),
                new Route("POST", "/v1/endpoints/{id}/rollback", Tokens.ALICE, Map.of("targetVersion", 0), null,
                        "target", "dryRun"),
                new Route("POST", "/v1/endpoints/{id}/versions/1/cancel", Tokens.ALICE, Map.of("comment", "stop"), null,
                        "reason", "dryRun"),
                new Route("POST", "/v1/endpoints/{id}/versions/1/canary/promote", Tokens.ALICE,
                        Map.of("comment", "go"), null, "force", "dryRun"),
                new Route("POST", "/v1/endpoints/{id}/versions/1/canary/abort", Tokens.ALICE,
                        Map.of("comment", "stop"), null, "reason", "dryRun"),
                new Route("DELETE", "/v1/endpoints/{id}", Tokens.ADMIN, null, null, "coment", "comment, dryRun"),
                new Route("POST", report + "started", Tokens.WORKER, null, null, "at", "none"),
                new Route("POST", report + "progress", Tokens.WORKER, Map.of("phase", "REQUESTING_GPUS"), null,
                        "phase", "none"),
                new Route("POST", report + "succeeded", Tokens.WORKER, null, null, "version", "none"),
                new Route("POST", report + "failed", Tokens.WORKER,
                        Map.of("code", "INSUFFICIENT_GPU", "message", "no GPU free", "step", "preflight"), null,
                        "code", "none"),
                new Route("POST", report + "cancelled", Tokens.WORKER, null, null, "x", "none"),
                new Route("GET", "/v1/catalog", Tokens.VIEWER, null, null, "type", "none"),
                new Route("GET", "/v1/schemas/events", Tokens.VIEWER, null, null, "limit", "none"),
                new Route("GET", "/v1/schemas/events/EndpointDeleted.json", Tokens.VIEWER, null, null, "download",
                        "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aParameterTheRouteDoesNotTakeIsRefusedNamingItAndNothingIsStored(Route route) {
        String id = servingEndpoint(unique("typo"));
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("autoscaling", Map.of("maxReplicas", 4)))).send();
        long stored = events.totalEvents();

        Api.Call call = switch (route.method()) {
            case "POST" -> api.post(route.path().replace("{id}", id) + "?" + route.parameter() + "=1");
            case "PATCH" -> api.patch(route.path().replace("{id}", id) + "?" + route.parameter() + "=1");
            case "DELETE" -> api.delete(route.path().replace("{id}", id) + "?" + route.parameter() + "=1");
            default -> api.get(route.path().replace("{id}", id) + "?" + route.parameter() + "=1");
        };
        call.as(route.token());
        if (route.body() != null) {
            call.json(route.body());
        }
        if (route.contentType() != null) {
            call.contentType(route.contentType());
        }
        Api.Response response = call.send();

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("code").asText()).isEqualTo("MALFORMED_REQUEST");
        JsonNode errors = response.body().path("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("field").asText()).isEqualTo(route.parameter());
        assertThat(errors.get(0).path("reason").asText())
                .isEqualTo("is not a parameter of this route; known: " + route.known());
        assertThat(events.totalEvents()).isEqualTo(stored);
    }

    @Test
    void everyUnknownParameterIsNamedOnce() {
        Api.Response response = api.get("/v1/schemas/events?b=1&a=2&b=3").as(Tokens.VIEWER).send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").findValuesAsText("field")).containsExactly("b", "a");
    }

    @Test
    void aParameterTheRouteTakesStillWorks() {
        String id = servingEndpoint(unique("typo-known"));

        Api.Response response = api.delete("/v1/endpoints/" + id + "?comment=retired").as(Tokens.ADMIN).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        List<EventStore.StoredEvent> stored = events.eventsOf(id);
        EventStore.StoredEvent last = stored.get(stored.size() - 1);
        assertThat(last.simpleType()).isEqualTo("EndpointDeleted");
        assertThat(last.payload().path("comment").asText()).isEqualTo("retired");
    }

    @Test
    void aQueryStringThatCannotBeDecodedIsRefusedNamingTheParameterAndNothingIsStored() throws Exception {
        long stored = events.totalEvents();

        String body = JSON.writeValueAsString(createBody(unique("typo-garbage")));

        // Raw bytes: an HTTP client refuses to send a malformed percent-encoding.
        RawHttp.Answer answer = RawHttp.send(port, "POST /v1/endpoints?dryRun=%%%garbage HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + Tokens.ALICE + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isEqualTo("MALFORMED_REQUEST");
        assertThat(answer.json().path("detail").asText()).startsWith("The query string cannot be read");
        assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("dryRun");
        assertThat(events.totalEvents()).isEqualTo(stored);
    }
}
