package io.inferctl.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.Api;
import io.inferctl.query.support.QueryServiceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description is served without a token and describes every query and the rebuild. */
class OpenApiTest extends QueryServiceTest {

    @Test
    void theDescriptionListsEveryQueryWithItsParameters() {
        Api.Response docs = api.get("/v3/api-docs").send();

        assertThat(docs.status()).isEqualTo(200);
        List<String> paths = new ArrayList<>();
        docs.body().get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/v1/endpoints", "/v1/endpoints/{endpointId}", "/v1/endpoints/{endpointId}/versions",
                "/v1/endpoints/{endpointId}/versions/{version}", "/v1/endpoints/{endpointId}/diff", "/v1/audit",
                "/v1/admin/rebuild");
        JsonNode audit = docs.body().get("paths").get("/v1/audit").get("get");
        List<String> parameters = new ArrayList<>();
        audit.get("parameters").forEach(p -> parameters.add(p.get("name").asText()));
        assertThat(parameters).contains("actor", "endpointId", "action", "since", "until", "cursor", "limit",
                "minSequence", "Min-Sequence");
        assertThat(audit.get("responses").get("200").get("content").has("text/csv")).isTrue();
        assertThat(docs.body().get("components").get("securitySchemes").has("bearer")).isTrue();
        assertThat(api.get("/swagger-ui.html").send().status()).isIn(200, 302);
    }
}
