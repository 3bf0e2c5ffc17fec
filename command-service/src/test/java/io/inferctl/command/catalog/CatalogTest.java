package io.inferctl.command.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.endpoint.EndpointPolicyProperties;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/catalog} over real HTTP: what the policy that checks every change accepts, for any signed-in role. */
class CatalogTest extends CommandServiceTest {

    @Autowired
    private EndpointPolicyProperties policy;

    @ParameterizedTest
    @ValueSource(strings = {Tokens.VIEWER, Tokens.ALICE, Tokens.ADMIN, Tokens.WORKER})
    void everySignedInRoleReadsTheCatalogOfThePolicy(String token) {
        Api.Response response = api.get("/v1/catalog").as(token).send();

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode catalog = response.body();
        assertThat(texts(catalog.path("acceleratorTypes"))).isEqualTo(policy.acceleratorTypes());
        assertThat(StreamSupport.stream(catalog.path("acceleratorCounts").spliterator(), false).map(JsonNode::asInt).toList())
                .isEqualTo(policy.acceleratorCounts());
        assertThat(texts(catalog.path("modelSourceSchemes"))).isEqualTo(policy.modelSourceSchemes());
        assertThat(catalog.path("defaults").path("engine").path("maxBatchSize").asInt())
                .isEqualTo(policy.defaults().maxBatchSize());
        assertThat(catalog.path("defaults").path("engine").path("tokenizerSkipSpecialTokens").asBoolean())
                .isEqualTo(policy.defaults().tokenizerSkipSpecialTokens());
        assertThat(catalog.path("defaults").path("autoscaling").path("cooldownSeconds").asInt())
                .isEqualTo(policy.defaults().cooldownSeconds());
        assertThat(catalog.path("limits").path("maxReplicas").asInt()).isEqualTo(policy.maxReplicas());
        assertThat(catalog.path("limits").path("maxNameLength").asInt()).isEqualTo(policy.maxNameLength());
    }

    @Test
    void theDefaultsAreExactlyWhatACreateThatLeavesTheSettingsOutGets() {
        JsonNode defaults = api.get("/v1/catalog").as(Tokens.VIEWER).send().body().path("defaults");

        Api.Response created = api.post("/v1/endpoints").as(Tokens.ALICE).json(createBody(unique("catalog"))).send();

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        int compared = 0;
        for (JsonNode change : created.body().path("changes")) {
            String[] path = change.path("field").asText().split("\\.");
            JsonNode expected = defaults.path(path[0]).path(path[1]);
            if (!expected.isMissingNode()) {
                assertThat(change.path("to")).as(change.path("field").asText()).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(compared).as("every default the catalog names is a setting the create filled in")
                // rollout.canarySteps defaults to null, which a create lists as no change
                .isEqualTo(defaults.path("engine").size() + defaults.path("autoscaling").size()
                        + defaults.path("rollout").size() - 1);
    }

    @Test
    void withoutATokenTheCatalogIsRefusedAsProblemDetails() {
        Api.Response response = api.get("/v1/catalog").send();

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theApiDescriptionListsTheCatalog() {
        JsonNode paths = api.get("/v3/api-docs").send().body().path("paths");

        assertThat(paths.path("/v1/catalog").has("get")).isTrue();
        assertThat(paths.path("/v1/catalog").path("get").path("responses").path("200").findValuesAsText("$ref"))
                .contains("#/components/schemas/Catalog");
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
