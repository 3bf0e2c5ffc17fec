package io.inferctl.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.api.testing.RawHttp;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query parameter a route does not take is refused, naming it and the ones the route does take: a
 * typo such as {@code limt} must not pass for a filter, and the caller get an unfiltered page.
 */
class UnknownParameterTest extends QueryServiceTest {

    private EndpointHistory history;

    /** One row per route of the query API; {@code {id}} is an endpoint with a serving v0. */
    record Route(String method, String path, String token, String parameter, String known) {

        @Override
        public String toString() {
            return method + " " + path + "&" + parameter;
        }
    }

    static Stream<Route> routes() {
        return Stream.of(
                new Route("GET", "/v1/endpoints?limit=5", Tokens.VIEWER, "limt", "cursor, limit, status"),
                new Route("GET", "/v1/endpoints/{id}?minSequence=0", Tokens.VIEWER, "minSeq", "minSequence"),
                new Route("GET", "/v1/endpoints/{id}/versions?limit=1", Tokens.VIEWER, "cursr",
                        "cursor, limit, minSequence"),
                new Route("GET", "/v1/endpoints/{id}/versions/0?minSequence=0", Tokens.VIEWER, "fields", "minSequence"),
                new Route("GET", "/v1/endpoints/{id}/diff?from=0&to=0", Tokens.VIEWER, "form",
                        "from, minSequence, to"),
                new Route("GET", "/v1/audit?actor=alice", Tokens.VIEWER, "user",
                        "action, actor, cursor, endpointId, limit, minSequence, since, until"),
                new Route("GET", "/v1/admin/rebuild?", Tokens.ADMIN, "verbose", "none"),
                new Route("POST", "/v1/admin/rebuild?", Tokens.ADMIN, "force", "none"));
    }

    @BeforeEach
    void anEndpointThatServes() {
        history = EndpointHistory.of("typo-" + UUID.randomUUID().toString().substring(0, 8)).created().served();
        publishAndAwait(history);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void aParameterTheRouteDoesNotTakeIsRefusedNamingItAndTheOnesItTakes(Route route) {
        String rebuildBefore = rebuildStartedAt();
        String path = route.path().replace("{id}", history.endpointId()) + "&" + route.parameter() + "=5";

        Api.Response response = ("POST".equals(route.method()) ? api.post(path) : api.get(path)).as(route.token()).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("code").asText()).isEqualTo("MALFORMED_REQUEST");
        JsonNode errors = response.body().path("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("field").asText()).isEqualTo(route.parameter());
        assertThat(errors.get(0).path("reason").asText())
                .isEqualTo("is not a parameter of this route; known: " + route.known());
        assertThat(rebuildStartedAt()).as("no rebuild started").isEqualTo(rebuildBefore);
    }

    @Test
    void aParameterTheRouteTakesStillFilters() {
        Api.Response response = api.get("/v1/endpoints/" + history.endpointId() + "/versions?limit=1")
                .as(Tokens.VIEWER).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body().path("items")).hasSize(1);
    }

    @Test
    void aCursorThatCannotBeDecodedIsRefusedNamingItInsteadOfAnsweringTheFirstPage() {
        // Raw bytes: an HTTP client refuses to send a malformed percent-encoding.
        RawHttp.Answer answer = RawHttp.send(port, "GET /v1/endpoints?cursor=%%%garbage HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + Tokens.VIEWER + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("code").asText()).isEqualTo("MALFORMED_REQUEST");
        assertThat(answer.json().path("detail").asText()).startsWith("The query string cannot be read");
        JsonNode error = answer.json().path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("cursor");
        assertThat(error.path("reason").asText()).contains("is not followed by two hexadecimal digits");
    }

    @Test
    void aQueryStringWhoseParameterNameCannotBeDecodedIsRefusedNamingTheQueryString() {
        RawHttp.Answer answer = RawHttp.send(port, "GET /v1/audit?li%mit=5 HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + Tokens.VIEWER + "\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("query string");
    }

    private String rebuildStartedAt() {
        return api.get("/v1/admin/rebuild").as(Tokens.ADMIN).send().body().path("startedAt").asText();
    }
}
