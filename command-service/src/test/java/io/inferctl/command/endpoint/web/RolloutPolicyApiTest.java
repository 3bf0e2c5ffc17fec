package io.inferctl.command.endpoint.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rollout policy is a section of every version's configuration: defaulted, diffed and checked. */
class RolloutPolicyApiTest extends CommandServiceTest {

    @Test
    void aNewEndpointGetsTheDefaultPolicyAndTheCatalogSaysWhatItIs() {
        Api.Response created = api.post("/v1/endpoints").as(Tokens.ALICE).json(createBody(unique("policy"))).send();
        Api.Response catalog = api.get("/v1/catalog").as(Tokens.ALICE).send();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(changeTo(created.body(), "rollout.strategy").asText()).isEqualTo("BLUE_GREEN");
        assertThat(changeTo(created.body(), "rollout.warmStandbySeconds").asInt()).isEqualTo(1800);
        assertThat(changeTo(created.body(), "rollout.standbyReplicas").asInt()).isEqualTo(1);
        assertThat(catalog.body().at("/defaults/rollout/strategy").asText()).isEqualTo("BLUE_GREEN");
        assertThat(catalog.body().at("/defaults/rollout/warmStandbySeconds").asInt()).isEqualTo(1800);
        assertThat(catalog.body().at("/defaults/rollout/canarySteps").isNull()).isTrue();
    }

    @Test
    void aPolicyChangeIsANewVersionWithOnlyThatChange() {
        String id = servingEndpoint(unique("policy"));

        Api.Response changed = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE).ifMatch(0)
                .contentType("application/merge-patch+json")
                .json(Map.of("config", Map.of("rollout", Map.of("warmStandbySeconds", 0,
                        "canarySteps", "10%:5m,50%:5m")), "comment", "no standby")).send();

        assertThat(changed.status()).as(changed.toString()).isEqualTo(202);
        assertThat(changed.body().get("version").asInt()).isEqualTo(1);
        assertThat(changed.body().get("changes")).hasSize(2);
        assertThat(changed.body().at("/changes/0/field").asText()).isEqualTo("rollout.canarySteps");
        assertThat(changed.body().at("/changes/0/from").isNull()).isTrue();
        assertThat(changed.body().at("/changes/0/to").asText()).isEqualTo("10%:5m,50%:5m");
        assertThat(changed.body().at("/changes/1/field").asText()).isEqualTo("rollout.warmStandbySeconds");
        assertThat(changed.body().at("/changes/1/from").asInt()).isEqualTo(1800);
        assertThat(changed.body().at("/changes/1/to").asInt()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "strategy            | 'ROLLING'        | must be one of [BLUE_GREEN, CANARY]",
            "canarySteps         | '50%:5m,10%:5m'  | step 2 must give more traffic than the step before (50%)",
            "canarySteps         | '10%'            | step 1 ('10%') must be <weight 1-99>%:<duration>",
            "bakeSeconds         | -1               | must be between 0 and 86400",
            "warmStandbySeconds  | 604801           | must be between 0 and 604800",
            "standbyReplicas     | 0                | must be between 1 and 64",
            "maxErrorRatePercent | 101              | must be between 0 and 100",
            "maxP99LatencyMs     | -5               | must be between 0 and 600000"})
    void aBadPolicySettingIsRefusedNamingItsField(String setting, String value, String reason) {
        Map<String, Object> body = new LinkedHashMap<>(createBody(unique("policy")));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) body.get("config"));
        config.put("rollout", Map.of(setting, value.matches("-?\\d+") ? Integer.parseInt(value) : value));
        body.put("config", config);

        Api.Response refused = api.post("/v1/endpoints").as(Tokens.ALICE).json(body).send();

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body().get("code").asText()).isEqualTo("INVALID_CONFIGURATION");
        assertThat(refused.body().get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo("config.rollout." + setting);
            assertThat(error.get("reason").asText()).contains(reason);
        });
        // nothing outside the section is blamed
        assertThat(refused.body().get("errors")).allSatisfy(error ->
                assertThat(error.get("field").asText()).startsWith("config.rollout."));
    }

    @Test
    void aCanaryPolicyWithStepsIsAcceptedAndOneWithoutStepsIsRefusedNamingThem() {
        String id = servingEndpoint(unique("policy"));

        Api.Response withoutSteps = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .contentType("application/merge-patch+json")
                .json(Map.of("config", Map.of("rollout", Map.of("strategy", "CANARY")))).send();
        Api.Response withSteps = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .contentType("application/merge-patch+json")
                .json(Map.of("config", Map.of("rollout", Map.of("strategy", "CANARY", "canarySteps", "10%:5m,50%:5m",
                        "bakeSeconds", 300)))).send();

        assertThat(withoutSteps.status()).as(withoutSteps.toString()).isEqualTo(422);
        assertThat(withoutSteps.body().get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asText()).isEqualTo("config.rollout.canarySteps");
            assertThat(error.get("reason").asText()).contains("is required when strategy is CANARY");
        });
        assertThat(withSteps.status()).as(withSteps.toString()).isEqualTo(202);
        assertThat(changeTo(withSteps.body(), "rollout.strategy").asText()).isEqualTo("CANARY");
    }

    @Test
    void aPolicySettingOfTheWrongTypeOrAnUnknownOneIsAMalformedRequest() {
        String id = servingEndpoint(unique("policy"));

        Api.Response wrongType = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .contentType("application/merge-patch+json")
                .json(Map.of("config", Map.of("rollout", Map.of("bakeSeconds", "5m")))).send();
        Api.Response unknown = api.patch("/v1/endpoints/" + id).as(Tokens.ALICE)
                .contentType("application/merge-patch+json")
                .json(Map.of("config", Map.of("rollout", Map.of("surgePercent", 10)))).send();

        assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(400);
        assertThat(wrongType.body().at("/errors/0/field").asText()).isEqualTo("config.rollout.bakeSeconds");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.body().at("/errors/0/field").asText()).isEqualTo("config.rollout.surgePercent");
    }

    private static JsonNode changeTo(JsonNode answer, String field) {
        for (JsonNode change : answer.get("changes")) {
            if (change.get("field").asText().equals(field)) {
                return change.get("to");
            }
        }
        throw new AssertionError("no change of " + field + " in " + answer);
    }
}
