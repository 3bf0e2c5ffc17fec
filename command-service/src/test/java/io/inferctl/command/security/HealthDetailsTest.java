package io.inferctl.command.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Health details (database, disk path, relay) are for admins; probes and everyone else get the status. */
class HealthDetailsTest extends CommandServiceTest {

    @Test
    void anonymousCallersAndProbesGetTheStatusAlone() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            Api.Response health = api.get(path).send();

            assertThat(health.status()).as(path).isEqualTo(200);
            assertThat(health.body().get("status").asText()).as(path).isEqualTo("UP");
            assertThat(health.body().has("components")).as(health.toString()).isFalse();
            assertThat(health.body().has("details")).as(health.toString()).isFalse();
        }
    }

    @Test
    void aCallerBelowAdminGetsTheStatusAlone() {
        Api.Response health = api.get("/actuator/health").as(Tokens.ALICE).send();

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().has("components")).as(health.toString()).isFalse();
    }

    @Test
    void anAdminGetsEveryComponentWithItsDetails() {
        JsonNode components = api.get("/actuator/health").as(Tokens.ADMIN).send().body().path("components");

        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("db").path("details").path("database").asText()).isEqualTo("PostgreSQL");
        assertThat(components.path("diskSpace").path("details").has("path")).isTrue();
        assertThat(components.path("relay").path("status").asText()).isEqualTo("UP");
    }
}
