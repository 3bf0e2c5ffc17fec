package io.inferctl.command.endpoint.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityTest extends CommandServiceTest {

    @Test
    void noTokenIsUnauthenticated() {
        long before = events.totalEvents();
        Api.Response answer = api.post("/v1/endpoints").json(createBody(unique("anon"))).send();

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(events.totalEvents()).isEqualTo(before);
    }

    @Test
    void anUnknownTokenIsUnauthenticated() {
        Api.Response answer = api.post("/v1/endpoints").as("not-a-real-token").json(createBody(unique("forged"))).send();
        assertThat(answer.status()).isEqualTo(401);
    }

    @Test
    void aViewerMayNotChangeEndpoints() {
        long before = events.totalEvents();
        Api.Response answer = api.post("/v1/endpoints").as(Tokens.VIEWER).json(createBody(unique("viewer"))).send();

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.body().get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(events.totalEvents()).isEqualTo(before);
    }

    @Test
    void onlyTheWorkerMayReportRollouts() {
        Api.Response created = api.post("/v1/endpoints").as(Tokens.ALICE).json(createBody(unique("reports"))).send();
        String started = "/v1/internal/endpoints/" + created.body().get("endpointId").asText() + "/versions/0/rollout/started";

        assertThat(api.post(started).as(Tokens.ALICE).send().status()).isEqualTo(403);
        assertThat(api.post(started).as(Tokens.ADMIN).send().status()).isEqualTo(403);
        assertThat(api.post(started).as(Tokens.WORKER).send().status()).isEqualTo(200);
    }

    @Test
    void theWorkerMayNotChangeEndpoints() {
        assertThat(api.post("/v1/endpoints").as(Tokens.WORKER).json(createBody(unique("worker"))).send().status())
                .isEqualTo(403);
    }

    @Test
    void onlyAnAdminMayDelete() {
        String id = servingEndpoint(unique("delete"));
        assertThat(api.delete("/v1/endpoints/" + id).as(Tokens.ALICE).send().status()).isEqualTo(403);
        assertThat(api.delete("/v1/endpoints/" + id).as(Tokens.ADMIN).send().status()).isEqualTo(202);
    }

    @Test
    void theCreatorIsTheAuthenticatedCallerNotAFieldTheClientSets() {
        Map<String, Object> body = new java.util.HashMap<>(createBody(unique("creator")));
        body.put("createdBy", "mallory@example.com");
        Api.Response refused = api.post("/v1/endpoints").as(Tokens.BOB).json(body).send();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().at("/errors/0/field").asText()).isEqualTo("createdBy");

        Api.Response created = api.post("/v1/endpoints").as(Tokens.BOB).json(createBody(unique("creator"))).send();
        String id = created.body().get("endpointId").asText();
        assertThat(events.eventsOf(id).get(0).payload().get("createdBy").asText()).isEqualTo("bob@example.com");
    }

    @Test
    void healthMetricsAndTheApiDescriptionAreOpen() {
        Api.Response health = api.get("/actuator/health").as(Tokens.ADMIN).send();
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        assertThat(health.body().at("/components/relay/status").asText()).isEqualTo("UP");
        assertThat(api.get("/actuator/prometheus").send().raw().body()).contains("inferctl_relay_lag_events");
        assertThat(api.get("/v1/schemas/events/RolloutFailed.v1.schema.json").send().body().get("title").asText())
                .isEqualTo("RolloutFailed");
    }
}
