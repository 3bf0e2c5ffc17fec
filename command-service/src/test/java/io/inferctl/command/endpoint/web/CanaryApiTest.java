package io.inferctl.command.endpoint.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.EventStore;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A canary's promote and abort, and the worker's canary steps, over real HTTP against the real event store. */
class CanaryApiTest extends CommandServiceTest {

    /** v0 serves; v1 is rolling out and the worker reported its first canary step at 10%. */
    private String canaryAtTenPercent(String name) {
        String id = servingEndpoint(name);
        Api.Response changed = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("model", Map.of("revision", "v2")))).send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(202);
        api.post("/v1/internal/endpoints/" + id + "/versions/1/rollout/started").as(Tokens.WORKER).send();
        Api.Response step = progress(id, Map.of("phase", "CANARY", "canaryPercent", 10));
        assertThat(step.status()).as(step.toString()).isEqualTo(200);
        return id;
    }

    private Api.Response progress(String id, Map<String, Object> body) {
        return api.post("/v1/internal/endpoints/" + id + "/versions/1/rollout/progress").as(Tokens.WORKER)
                .json(body).send();
    }

    private List<String> eventTypes(String id) {
        return events.eventsOf(id).stream().map(EventStore.StoredEvent::simpleType).toList();
    }

    @Test
    void promotingACanaryIsAcceptedOnceAndRecordedWithItsComment() {
        String id = canaryAtTenPercent(unique("promote"));

        Api.Response promoted = api.post("/v1/endpoints/" + id + "/versions/1/canary/promote").as(Tokens.ALICE)
                .json(Map.of("comment", "metrics look fine")).send();
        Api.Response again = api.post("/v1/endpoints/" + id + "/versions/1/canary/promote").as(Tokens.BOB).send();

        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(202);
        assertThat(promoted.header("ETag")).isEqualTo("\"1\"");
        assertThat(promoted.body().get("changed").asBoolean()).isTrue();
        assertThat(promoted.body().get("status").asText()).isEqualTo("ROLLING_OUT");
        assertThat(again.status()).as(again.toString()).isEqualTo(202);
        assertThat(again.body().get("changed").asBoolean()).isFalse();
        List<EventStore.StoredEvent> history = events.eventsOf(id);
        assertThat(history).filteredOn(e -> e.simpleType().equals("CanaryPromotionRequested")).singleElement()
                .satisfies(e -> {
                    assertThat(e.payload().get("requestedBy").asText()).isEqualTo("alice@example.com");
                    assertThat(e.payload().get("comment").asText()).isEqualTo("metrics look fine");
                    assertThat(e.payload().get("version").asInt()).isEqualTo(1);
                });
    }

    @Test
    void abortingACanaryRequestsCancellationAndTheWorkerThenReportsItCancelled() {
        String id = canaryAtTenPercent(unique("abort"));

        Api.Response aborted = api.post("/v1/endpoints/" + id + "/versions/1/canary/abort").as(Tokens.ALICE)
                .ifMatch(1).json(Map.of("comment", "error rate up")).send();
        Api.Response cancelled = api.post("/v1/internal/endpoints/" + id + "/versions/1/rollout/cancelled")
                .as(Tokens.WORKER).send();

        assertThat(aborted.status()).as(aborted.toString()).isEqualTo(202);
        assertThat(aborted.body().get("cancellationRequested").asBoolean()).isTrue();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(eventTypes(id)).endsWith("RolloutProgressed", "RolloutCancellationRequested", "RolloutCancelled");
        assertThat(events.eventsOf(id)).filteredOn(e -> e.simpleType().equals("RolloutCancellationRequested"))
                .singleElement().satisfies(e -> assertThat(e.payload().get("comment").asText()).isEqualTo("error rate up"));
    }

    @Test
    void aPromoteRetriedWithItsIdempotencyKeyGetsTheFirstAnswerAgain() {
        String id = canaryAtTenPercent(unique("promote-key"));
        String key = UUID.randomUUID().toString();

        Api.Response first = api.post("/v1/endpoints/" + id + "/versions/1/canary/promote").as(Tokens.ALICE)
                .idempotencyKey(key).json(Map.of("comment", "go")).send();
        Api.Response retry = api.post("/v1/endpoints/" + id + "/versions/1/canary/promote").as(Tokens.ALICE)
                .idempotencyKey(key).json(Map.of("comment", "go")).send();

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body().get("changed").asBoolean()).isTrue();
    }

    @Test
    void aVersionNotInCanaryIsRefusedWithItsState() {
        String id = servingEndpoint(unique("not-canary"));
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("model", Map.of("revision", "v2")))).send();
        api.post("/v1/internal/endpoints/" + id + "/versions/1/rollout/started").as(Tokens.WORKER).send();
        progress(id, Map.of("phase", "DOWNLOADING_MODEL"));

        Api.Response promote = api.post("/v1/endpoints/" + id + "/versions/1/canary/promote").as(Tokens.ALICE).send();
        Api.Response abortServing = api.post("/v1/endpoints/" + id + "/versions/0/canary/abort").as(Tokens.ALICE).send();

        assertThat(promote.status()).as(promote.toString()).isEqualTo(409);
        assertThat(promote.contentType()).startsWith("application/problem+json");
        assertThat(promote.body().get("code").asText()).isEqualTo("NOT_IN_CANARY");
        assertThat(promote.body().get("detail").asText()).contains("ROLLING_OUT in phase DOWNLOADING_MODEL");
        assertThat(promote.body().get("latestPhase").asText()).isEqualTo("DOWNLOADING_MODEL");
        assertThat(abortServing.status()).as(abortServing.toString()).isEqualTo(409);
        assertThat(abortServing.body().get("code").asText()).isEqualTo("NOT_IN_CANARY");
        assertThat(abortServing.body().get("detail").asText()).contains("not the latest version");
        assertThat(eventTypes(id)).doesNotContain("CanaryPromotionRequested", "RolloutCancellationRequested");
    }

    @Test
    void aStaleIfMatchIsRefusedAndAViewerMayNotPromote() {
        String id = canaryAtTenPercent(unique("canary-guard"));

        Api.Response stale = api.post("/v1/endpoints/" + id + "/versions/1/canary/promote").as(Tokens.ALICE)
                .ifMatch(0).send();
        Api.Response viewer = api.post("/v1/endpoints/" + id + "/versions/1/canary/abort").as(Tokens.VIEWER).send();

        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        assertThat(stale.body().get("code").asText()).isEqualTo("STALE_VERSION");
        assertThat(viewer.status()).as(viewer.toString()).isEqualTo(403);
        assertThat(eventTypes(id)).doesNotContain("CanaryPromotionRequested", "RolloutCancellationRequested");
    }

    @Test
    void aCommentTooLongOrAnUnknownFieldIsRefusedNamingIt() {
        String id = canaryAtTenPercent(unique("canary-body"));

        Api.Response tooLong = api.post("/v1/endpoints/" + id + "/versions/1/canary/promote").as(Tokens.ALICE)
                .json(Map.of("comment", "x".repeat(1001))).send();
        Api.Response unknown = api.post("/v1/endpoints/" + id + "/versions/1/canary/abort").as(Tokens.ALICE)
                .json(Map.of("reason", "x")).send();

        assertThat(tooLong.status()).as(tooLong.toString()).isIn(400, 422);
        assertThat(tooLong.body().at("/errors/0/field").asText()).isEqualTo("comment");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.body().at("/errors/0/field").asText()).isEqualTo("reason");
    }

    @Test
    void eachCanaryStepIsRecordedAndTheSameStepAgainIsNot() {
        String id = canaryAtTenPercent(unique("steps"));

        Api.Response same = progress(id, Map.of("phase", "CANARY", "canaryPercent", 10));
        Api.Response next = progress(id, Map.of("phase", "CANARY", "canaryPercent", 50));

        assertThat(same.body().get("changed").asBoolean()).isFalse();
        assertThat(next.body().get("changed").asBoolean()).isTrue();
        assertThat(events.eventsOf(id)).filteredOn(e -> e.simpleType().equals("RolloutProgressed"))
                .extracting(e -> e.payload().get("canaryPercent").asInt()).containsExactly(10, 50);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CANARY          |      | needs canaryPercent",
            "BAKING          | 50   | must leave it out",
            "CANARY          | 100  | between 1 and 99",
            "CANARY          | 0    | between 1 and 99"})
    void aProgressReportWhosePercentDoesNotFitItsPhaseIsRefusedNamingCanaryPercent(String phase, Integer percent,
                                                                                     String reason) {
        String id = canaryAtTenPercent(unique("bad-step"));
        Map<String, Object> body = new HashMap<>();
        body.put("phase", phase);
        if (percent != null) {
            body.put("canaryPercent", percent);
        }

        Api.Response refused = progress(id, body);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo("canaryPercent");
            assertThat(error.get("reason").asText()).contains(reason);
        });
        assertThat(events.eventsOf(id)).filteredOn(e -> e.simpleType().equals("RolloutProgressed")).hasSize(1);
    }
}
