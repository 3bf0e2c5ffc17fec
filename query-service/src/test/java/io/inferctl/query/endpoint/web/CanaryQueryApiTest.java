package io.inferctl.query.endpoint.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A canary's share of traffic and its promotion over HTTP, from events that came through the topic. */
class CanaryQueryApiTest extends QueryServiceTest {

    private static EndpointHistory canaryAt(int percent) {
        return EndpointHistory.of("canary-" + UUID.randomUUID().toString().substring(0, 8)).created().served()
                .updated(Map.of(ConfigField.MODEL_REVISION, "v2"), "new revision").started()
                .progressed(RolloutPhase.STARTING_ENGINE).canaryStep(10).canaryStep(percent);
    }

    @Test
    void aVersionInCanaryShowsItsShareOfTrafficOnTheVersionItsTimelineAndTheEndpoint() {
        EndpointHistory canary = canaryAt(25);
        publishAndAwait(canary);

        JsonNode v1 = api.get("/v1/endpoints/" + canary.endpointId() + "/versions/1").as(Tokens.VIEWER).send().body();
        JsonNode v0 = api.get("/v1/endpoints/" + canary.endpointId() + "/versions/0").as(Tokens.VIEWER).send().body();
        JsonNode listed = api.get("/v1/endpoints/" + canary.endpointId() + "/versions").as(Tokens.VIEWER).send().body();
        JsonNode endpoint = api.get("/v1/endpoints/" + canary.endpointId()).as(Tokens.VIEWER).send().body();

        assertThat(v1.get("phase").asText()).isEqualTo("CANARY");
        assertThat(v1.get("canaryPercent").asInt()).isEqualTo(25);
        assertThat(v0.has("canaryPercent")).isTrue();
        assertThat(v0.get("canaryPercent").isNull()).as("not in canary: null").isTrue();
        assertThat(listed.at("/items/0/canaryPercent").asInt()).isEqualTo(25);
        assertThat(listed.at("/items/1/canaryPercent").isNull()).isTrue();
        assertThat(percents(v1.get("timeline"))).containsExactly("null", "null", "null", "10", "25");
        assertThat(endpoint.at("/inProgress/phase").asText()).isEqualTo("CANARY");
        assertThat(endpoint.at("/inProgress/canaryPercent").asInt()).isEqualTo(25);
    }

    @Test
    void aPromotedCanaryThatBakesHasNoShareOfTrafficAndItsTimelineNamesThePromotion() {
        EndpointHistory promoted = canaryAt(50).canaryPromotionRequested("ship it").progressed(RolloutPhase.BAKING);
        publishAndAwait(promoted);

        Api.Response v1 = api.get("/v1/endpoints/" + promoted.endpointId() + "/versions/1").as(Tokens.VIEWER).send();
        JsonNode endpoint = api.get("/v1/endpoints/" + promoted.endpointId()).as(Tokens.VIEWER).send().body();

        assertThat(v1.status()).isEqualTo(200);
        assertThat(v1.body().get("phase").asText()).isEqualTo("BAKING");
        assertThat(v1.body().get("canaryPercent").isNull()).isTrue();
        JsonNode timeline = v1.body().get("timeline");
        JsonNode promotion = timeline.get(timeline.size() - 2);
        assertThat(promotion.get("event").asText()).isEqualTo("CanaryPromotionRequested");
        assertThat(promotion.get("by").asText()).isEqualTo(EndpointHistory.ALICE);
        assertThat(promotion.get("message").asText()).isEqualTo("ship it");
        assertThat(promotion.get("canaryPercent").asInt()).isEqualTo(50);
        assertThat(endpoint.at("/inProgress/phase").asText()).isEqualTo("BAKING");
        assertThat(endpoint.at("/inProgress/canaryPercent").isNull()).isTrue();
    }

    private static List<String> percents(JsonNode timeline) {
        List<String> values = new ArrayList<>();
        timeline.forEach(step -> values.add(step.get("canaryPercent").asText()));
        return values;
    }
}
