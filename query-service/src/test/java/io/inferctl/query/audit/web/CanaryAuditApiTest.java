package io.inferctl.query.audit.web;

import com.fasterxml.jackson.databind.JsonNode;
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

/** A canary's promotion and abort in the audit log over HTTP: decisions, with who and why. */
class CanaryAuditApiTest extends QueryServiceTest {

    @Test
    void aPromotionIsAuditedWithItsCommentAndAnAbortAsACancellation() {
        EndpointHistory history = EndpointHistory.of("audit-canary-" + UUID.randomUUID().toString().substring(0, 8))
                .created().served().updated(Map.of(ConfigField.MODEL_REVISION, "v2"), "new revision").started()
                .canaryStep(10).canaryPromotionRequested("error rate flat at 10%").progressed(RolloutPhase.BAKING)
                .cancellationRequested("p99 up while baking");
        publishAndAwait(history);
        String base = "/v1/audit?endpointId=" + history.endpointId();

        JsonNode items = api.get(base).as(Tokens.VIEWER).send().body().get("items");
        JsonNode promotions = api.get(base + "&action=PROMOTE_CANARY").as(Tokens.VIEWER).send().body().get("items");

        assertThat(texts(items, "action")).containsExactly("CANCEL", "PROMOTE_CANARY", "UPDATE", "ROLLOUT_SUCCEEDED",
                "CREATE");
        assertThat(promotions).hasSize(1);
        JsonNode promotion = promotions.get(0);
        assertThat(promotion.get("actor").asText()).isEqualTo(EndpointHistory.ALICE);
        assertThat(promotion.get("version").asInt()).isEqualTo(1);
        assertThat(promotion.get("comment").asText()).isEqualTo("error rate flat at 10%");
        assertThat(items.get(0).get("comment").asText()).isEqualTo("p99 up while baking");
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }
}
