package io.inferctl.command.endpoint.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.EventStore;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker's standby reports: recorded once each, only for versions that served, only by the worker. */
class StandbyReportTest extends CommandServiceTest {

    private static final String UNTIL = "2026-12-05T13:00:00Z";

    @Test
    void aStandbyIsRecordedOnceHoweverOftenItIsReportedAndEndsOnce() {
        String id = supersededOnce();

        Api.Response first = standby(id, 0, "started", Map.of("replicas", 1, "warmUntil", UNTIL));
        Api.Response again = standby(id, 0, "started", Map.of("replicas", 1, "warmUntil", UNTIL));
        Api.Response ended = standby(id, 0, "ended", Map.of("reason", "REUSED", "message", "serves again as version 2"));
        Api.Response endedAgain = standby(id, 0, "ended", Map.of("reason", "EXPIRED"));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body().get("changed").asBoolean()).isTrue();
        assertThat(again.body().get("changed").asBoolean()).isFalse();
        assertThat(ended.body().get("changed").asBoolean()).isTrue();
        assertThat(endedAgain.status()).isEqualTo(200);
        assertThat(endedAgain.body().get("changed").asBoolean()).isFalse();
        assertThat(events.eventsOf(id)).extracting(EventStore.StoredEvent::simpleType)
                .containsSubsequence("RolloutSucceeded", "VersionStandbyStarted", "VersionStandbyEnded")
                .filteredOn(type -> type.startsWith("VersionStandby")).hasSize(2);
        assertThat(events.eventsOf(id)).filteredOn(e -> e.simpleType().equals("VersionStandbyStarted"))
                .singleElement().satisfies(e -> assertThat(e.payload().get("warmUntil").asText()).isEqualTo(UNTIL));
    }

    @Test
    void aVersionThatNeverServedCannotBeKeptWarm() {
        String id = supersededOnce();
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 4)))).send();

        Api.Response refused = standby(id, 2, "started", Map.of("replicas", 1, "warmUntil", UNTIL));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        assertThat(refused.body().get("code").asText()).isEqualTo("VERSION_NOT_FOUND");
    }

    @Test
    void aBadStandbyReportNamesItsFieldAndOnlyTheWorkerMayReport() {
        String id = supersededOnce();

        Api.Response bad = standby(id, 0, "started", Map.of("replicas", 0));
        Api.Response badReason = standby(id, 0, "ended", Map.of("reason", "BORED"));
        Api.Response byUser = api.post("/v1/internal/endpoints/" + id + "/versions/0/standby/started").as(Tokens.ALICE)
                .json(Map.of("replicas", 1, "warmUntil", UNTIL)).send();

        assertThat(bad.status()).as(bad.toString()).isIn(400, 422);
        assertThat(bad.body().toString()).contains("replicas").contains("warmUntil");
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.body().toString()).contains("reason");
        assertThat(byUser.status()).isEqualTo(403);
    }

    private String supersededOnce() {
        String id = servingEndpoint(unique("standby"));
        api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .json(Map.of("config", Map.of("accelerator", Map.of("count", 2)))).send();
        reportServing(id, 1);
        return id;
    }

    private Api.Response standby(String id, int version, String what, Map<String, Object> body) {
        return api.post("/v1/internal/endpoints/" + id + "/versions/" + version + "/standby/" + what)
                .as(Tokens.WORKER).json(body).send();
    }
}
