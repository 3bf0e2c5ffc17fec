package io.inferctl.command.webhook.web;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.CommandServiceTest;
import io.inferctl.command.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What admins do with integrations, and every refusal of it; a refused call creates no integration. */
class WebhookIntegrationApiTest extends CommandServiceTest {

    private Api.Response create(String token, Map<String, Object> body) {
        return api.post("/v1/webhooks").as(token).json(body).send();
    }

    private Map<String, Object> forNewEndpoint(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("format", "WANDB");
        body.put("endpoint", Map.of("name", unique("wh-api"), "config", Webhooks.template()));
        return body;
    }

    private long integrationsNamed(String name) {
        return jdbc.sql("SELECT count(*) FROM webhook_integration WHERE name = :name").param("name", name)
                .query(Long.class).single();
    }

    private static void assertProblem(Api.Response answer, int status, String code, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(answer.body().get("errors").findValuesAsText("field")).contains(field);
        }
    }

    @Test
    void creatingAnswersTheUrlAndTheSecretOnceAndListingNeverShowsIt() {
        String name = unique("wandb");
        Api.Response created = create(Tokens.ADMIN, forNewEndpoint(name));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.body().get("integrationId").asText();
        assertThat(created.header("Location")).isEqualTo("/v1/webhooks/" + id);
        assertThat(created.body().get("url").asText()).endsWith("/v1/webhooks/" + id);
        assertThat(created.body().get("secret").asText()).matches("whsec_[A-Za-z0-9+/]{43}=");
        Api.Response listed = api.get("/v1/webhooks").as(Tokens.ADMIN).send();
        assertThat(listed.body().get("items").findValuesAsText("integrationId")).contains(id);
        assertThat(listed.raw().body()).doesNotContain(created.body().get("secret").asText().substring(6));
    }

    @Test
    void onlyAnAdminManagesIntegrations() {
        String name = unique("wandb");
        assertProblem(create(Tokens.ALICE, forNewEndpoint(name)), 403, "FORBIDDEN", null);
        assertProblem(create(null, forNewEndpoint(name)), 401, "UNAUTHENTICATED", null);
        assertProblem(api.get("/v1/webhooks").as(Tokens.VIEWER).send(), 403, "FORBIDDEN", null);
        assertThat(integrationsNamed(name)).isZero();
    }

    @Test
    void bothOrNeitherEndpointIdAndEndpointIsRefused() {
        String name = unique("wandb");
        Map<String, Object> both = forNewEndpoint(name);
        both.put("endpointId", UUID.randomUUID().toString());
        assertProblem(create(Tokens.ADMIN, both), 422, "VALIDATION_FAILED", "endpointId");
        assertProblem(create(Tokens.ADMIN, Map.of("name", name, "format", "GENERIC")), 422, "VALIDATION_FAILED", "endpointId");
        assertThat(integrationsNamed(name)).isZero();
    }

    @Test
    void anEndpointThatDoesNotExistIsNotFound() {
        String name = unique("wandb");
        assertProblem(create(Tokens.ADMIN, Map.of("name", name, "format", "WANDB", "endpointId", UUID.randomUUID().toString())),
                404, "ENDPOINT_NOT_FOUND", null);
        assertThat(integrationsNamed(name)).isZero();
    }

    @Test
    void badNamesFormatsAndTemplatesAreRefusedNamingTheField() {
        Map<String, Object> badName = forNewEndpoint("Not_A_Label");
        assertProblem(create(Tokens.ADMIN, badName), 422, "VALIDATION_FAILED", "name");

        Map<String, Object> badFormat = forNewEndpoint(unique("wandb"));
        badFormat.put("format", "GITHUB");
        assertProblem(create(Tokens.ADMIN, badFormat), 400, "MALFORMED_REQUEST", "format");

        Map<String, Object> badTemplate = forNewEndpoint(unique("wandb"));
        badTemplate.put("endpoint", Map.of("name", unique("wh-api"), "config", Map.of("model", Map.of("name", "m"))));
        assertProblem(create(Tokens.ADMIN, badTemplate), 422, "VALIDATION_FAILED", "endpoint.config.model.source");

        Map<String, Object> unknownField = forNewEndpoint(unique("wandb"));
        unknownField.put("secret", "whsec_mine");
        assertProblem(create(Tokens.ADMIN, unknownField), 400, "MALFORMED_REQUEST", "secret");
    }

    @Test
    void aNameInUseIsAConflict() {
        String name = unique("wandb");
        assertThat(create(Tokens.ADMIN, forNewEndpoint(name)).status()).isEqualTo(201);
        assertProblem(create(Tokens.ADMIN, forNewEndpoint(name)), 409, "INTEGRATION_NAME_TAKEN", "name");
        assertThat(integrationsNamed(name)).isEqualTo(1);
    }

    @Test
    void aDisabledIntegrationCannotBeRotatedAndAnUnknownOneIsNotFound() {
        Api.Response created = create(Tokens.ADMIN, forNewEndpoint(unique("wandb")));
        String id = created.body().get("integrationId").asText();
        assertThat(api.post("/v1/webhooks/" + id + "/disable").as(Tokens.ADMIN).send().body().get("status").asText())
                .isEqualTo("DISABLED");

        assertProblem(api.post("/v1/webhooks/" + id + "/rotate").as(Tokens.ADMIN).send(), 409, "INTEGRATION_DISABLED", null);
        assertProblem(api.post("/v1/webhooks/" + UUID.randomUUID() + "/rotate").as(Tokens.ADMIN).send(),
                404, "INTEGRATION_NOT_FOUND", null);
        assertProblem(api.post("/v1/webhooks/not-an-id/disable").as(Tokens.ADMIN).send(), 404, "INTEGRATION_NOT_FOUND", null);
        assertProblem(api.get("/v1/webhooks/" + UUID.randomUUID() + "/deliveries").as(Tokens.ADMIN).send(),
                404, "INTEGRATION_NOT_FOUND", null);
    }

    @Test
    void aDeletedIntegrationIsGoneFromTheListAndItsSecretsDestroyed() {
        Api.Response created = create(Tokens.ADMIN, forNewEndpoint(unique("wandb")));
        String id = created.body().get("integrationId").asText();

        assertThat(api.delete("/v1/webhooks/" + id).as(Tokens.ADMIN).send().body().get("status").asText()).isEqualTo("DELETED");

        assertThat(api.get("/v1/webhooks").as(Tokens.ADMIN).send().body().get("items").findValuesAsText("integrationId"))
                .doesNotContain(id);
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_secret WHERE integration_id = :id").param("id", id)
                .query(Long.class).single()).isZero();
        assertProblem(api.delete("/v1/webhooks/" + id).as(Tokens.ADMIN).send(), 404, "INTEGRATION_NOT_FOUND", null);
    }
}
