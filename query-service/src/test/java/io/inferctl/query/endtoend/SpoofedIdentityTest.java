package io.inferctl.query.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.EventStore;
import io.inferctl.command.support.Tokens;
import io.inferctl.query.support.QueryServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static io.inferctl.query.endtoend.CommandSide.accepted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headers that some proxies and frameworks take as the caller's identity change nothing here: the
 * actor recorded in the event and shown in the audit log is the token's principal, whatever a
 * request claims.
 */
class SpoofedIdentityTest extends QueryServiceTest {

    private static final String CLAIMED = "admin@example.com";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"X-Forwarded-User", "X-Actor", "X-Remote-User", "X-User", "Remote-User",
            "X-Auth-Request-User", "X-Auth-Request-Email", "X-Forwarded-Email", "X-Forwarded-Preferred-Username",
            "X-Principal", "X-Webauth-User", "X-Impersonate-User", "Impersonate-User", "X-On-Behalf-Of", "From"})
    void aClaimedIdentityHeaderDoesNotChangeTheRecordedActor(String header) {
        Api commands = CommandSide.api();
        Api.Response created = accepted(commands.post("/v1/endpoints").as(Tokens.ALICE).header(header, CLAIMED)
                .json(CommandSide.createBody("spoof-" + UUID.randomUUID().toString().substring(0, 8))));
        String id = created.body().get("endpointId").asText();
        String rollout = "/v1/internal/endpoints/" + id + "/versions/0/rollout/";
        accepted(commands.post(rollout + "started").as(Tokens.WORKER).header(header, CLAIMED));
        long succeeded = accepted(commands.post(rollout + "succeeded").as(Tokens.WORKER).header(header, CLAIMED))
                .body().get("sequence").asLong();

        assertThat(new EventStore(CommandSide.store()).eventsOf(id).get(0).payload().get("createdBy").asText())
                .isEqualTo("alice@example.com");
        JsonNode audit = api.get("/v1/audit?endpointId=" + id + "&minSequence=" + succeeded).as(Tokens.VIEWER)
                .header(header, CLAIMED).send().body().get("items");
        assertThat(audit).extracting(entry -> entry.get("actor").asText())
                .containsExactlyInAnyOrder("alice@example.com", "rollout-worker");
    }
}
