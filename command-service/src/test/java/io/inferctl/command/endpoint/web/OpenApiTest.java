package io.inferctl.command.endpoint.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.command.support.CommandServiceTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiTest extends CommandServiceTest {

    @Test
    void theApiDescriptionListsEveryOperation() {
        JsonNode paths = api.get("/v3/api-docs").send().body().get("paths");

        assertThat(paths.get("/v1/endpoints").has("post")).isTrue();
        assertThat(paths.get("/v1/endpoints/{endpointId}").has("patch")).isTrue();
        assertThat(paths.get("/v1/endpoints/{endpointId}").has("delete")).isTrue();
        assertThat(paths.get("/v1/endpoints/{endpointId}/rollback").has("post")).isTrue();
        assertThat(paths.get("/v1/endpoints/{endpointId}/versions/{version}/cancel").has("post")).isTrue();
        assertThat(paths.get("/v1/endpoints/{endpointId}/versions/{version}/canary/promote").has("post")).isTrue();
        assertThat(paths.get("/v1/endpoints/{endpointId}/versions/{version}/canary/abort").has("post")).isTrue();
        for (String report : new String[]{"started", "progress", "succeeded", "failed", "cancelled"}) {
            assertThat(paths.has("/v1/internal/endpoints/{endpointId}/versions/{version}/rollout/" + report)).isTrue();
        }
    }
}
