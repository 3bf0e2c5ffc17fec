package io.inferctl.command.endpoint.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the web layer reads a request before any command is sent: which refusal comes first, and in what order. */
class RequestShapeTest extends CommandServiceTest {

    @Test
    void everyBrokenFieldOfABodyIsListedInTheOrderTheRequestDeclaresThem() {
        String id = servingEndpoint(unique("shape"));
        long eventsBefore = events.totalEvents();

        Api.Response answer = api.post("/v1/internal/endpoints/" + id + "/versions/0/rollout/failed").as(Tokens.WORKER)
                .json("{\"message\": \" \", \"step\": \"wait\\nready\"}").send();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.body().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.body().get("errors").findValuesAsText("field")).containsExactly("code", "message", "step");
        assertThat(answer.body().get("errors").findValuesAsText("reason").subList(0, 2))
                .containsExactly("is required", "is required");
        assertThat(answer.body().get("detail").asText()).startsWith("code: is required; message: is required; step: ");
        assertThat(events.totalEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void aMalformedHeaderIsRefusedBeforeTheBodyIsRead() {
        String id = servingEndpoint(unique("shape"));

        Api.Response answer = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).header("If-Match", "3")
                .contentType("application/merge-patch+json").json("{").send();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("errors").findValuesAsText("field")).containsExactly("If-Match");
    }

    @Test
    void aCreateIgnoresIfMatchAsItAlwaysHas() {
        Api.Response answer = api.post("/v1/endpoints").as(Tokens.ALICE).header("If-Match", "not a version")
                .json(createBody(unique("shape"))).send();

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }

    @Test
    void theApiDescriptionListsTheHeadersAChangeReadsAndNoResolvedArgument() {
        JsonNode paths = api.get("/v3/api-docs").send().body().get("paths");

        assertThat(headers(paths.at("/~1v1~1endpoints~1{endpointId}/patch"))).containsExactlyInAnyOrder(
                "Idempotency-Key", "If-Match");
        assertThat(headers(paths.at("/~1v1~1endpoints/post"))).containsExactly("Idempotency-Key");
        assertThat(headers(paths.at("/~1v1~1internal~1endpoints~1{endpointId}~1versions~1{version}~1rollout~1failed/post")))
                .containsExactly("Idempotency-Key");
        List<String> queryParameters = paths.findValues("parameters").stream()
                .flatMap(parameters -> parameters.findParents("in").stream())
                .filter(parameter -> parameter.get("in").asText().equals("query"))
                .map(parameter -> parameter.get("name").asText())
                .toList();
        assertThat(queryParameters).as("only a delete's comment and the dry-run flag travel in the query")
                .containsOnly("comment", "dryRun");
    }

    private static List<String> headers(JsonNode operation) {
        assertThat(operation.isMissingNode()).as("operation").isFalse();
        return operation.get("parameters").findParents("in").stream()
                .filter(p -> p.get("in").asText().equals("header"))
                .map(p -> p.get("name").asText())
                .toList();
    }
}
