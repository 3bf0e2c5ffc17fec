package io.inferctl.query.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.query.support.QueryServiceTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.inferctl.query.endtoend.CommandSide.accepted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query that carries the sequence of a command just accepted sees that command's effect, never an
 * older state; one the projection cannot reach in time says so (503), never answers stale.
 */
class ReadYourWritesTest extends QueryServiceTest {

    private static final int ROUNDS = 15;

    @Test
    void aQueryWithTheSequenceOfAJustAcceptedCommandNeverSeesOlderState() {
        Api commands = CommandSide.api();
        Api.Response created = accepted(commands.post("/v1/endpoints").as(Tokens.ALICE)
                .json(CommandSide.createBody("ryw-" + UUID.randomUUID().toString().substring(0, 8))));
        String id = created.body().get("endpointId").asText();
        assertThat(api.get("/v1/endpoints/" + id + "/versions/0?minSequence=" + created.body().get("sequence").asLong())
                .as(Tokens.VIEWER).send().body().get("status").asText()).isEqualTo("PENDING");

        for (int round = 0; round < ROUNDS; round++) {
            int version = round;
            long started = CommandSide.report(id, version, "started").body().get("sequence").asLong();
            JsonNode rolling = api.get("/v1/endpoints/" + id + "?minSequence=" + started).as(Tokens.VIEWER).send().body();
            assertThat(rolling.get("inProgress").get("status").asText()).isEqualTo("ROLLING_OUT");
            assertThat(rolling.get("sequence").asLong()).isGreaterThanOrEqualTo(started);

            long succeeded = CommandSide.report(id, version, "succeeded").body().get("sequence").asLong();
            Api.Response current = api.get("/v1/endpoints/" + id + "/versions/" + version).as(Tokens.VIEWER)
                    .header("Min-Sequence", String.valueOf(succeeded)).send();
            assertThat(current.body().get("status").asText()).isEqualTo("CURRENT");

            Api.Response updated = accepted(commands.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                    .json(Map.of("config", Map.of("engine", Map.of("maxBatchSize", 100 + round)))));
            long sequence = updated.body().get("sequence").asLong();
            Api.Response next = api.get("/v1/endpoints/" + id + "/versions/" + (version + 1) + "?minSequence=" + sequence)
                    .as(Tokens.VIEWER).send();
            assertThat(next.status()).as(next.toString()).isEqualTo(200);
            assertThat(next.body().get("config").get("engine").get("maxBatchSize").asInt()).isEqualTo(100 + round);
            JsonNode audit = api.get("/v1/audit?endpointId=" + id + "&limit=1&minSequence=" + sequence)
                    .as(Tokens.VIEWER).send().body().get("items");
            assertThat(audit.get(0).get("version").asInt()).isEqualTo(version + 1);
        }
    }

    @Test
    void aQueryForASequenceTheProjectionHasNotReachedAnswers503WithRetryAfter() {
        Api.Response created = accepted(CommandSide.api().post("/v1/endpoints").as(Tokens.ALICE)
                .json(CommandSide.createBody("ahead-" + UUID.randomUUID().toString().substring(0, 8))));
        String id = created.body().get("endpointId").asText();

        long start = System.nanoTime();
        Api.Response behind = api.get("/v1/endpoints/" + id + "?minSequence=1000").as(Tokens.VIEWER).send();
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(behind.status()).isEqualTo(503);
        assertThat(behind.header("Retry-After")).isEqualTo("1");
        assertThat(behind.contentType()).isEqualTo("application/problem+json");
        assertThat(behind.body().get("code").asText()).isEqualTo("PROJECTION_BEHIND");
        assertThat(behind.body().get("requestedSequence").asLong()).isEqualTo(1000);
        assertThat(waitedMillis).as("waits the configured 2 s, not forever").isBetween(1_900L, 10_000L);
    }
}
