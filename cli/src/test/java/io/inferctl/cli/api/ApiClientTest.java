package io.inferctl.cli.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aProblemWithFieldErrorsReadsAsItsCodeAndEveryFieldOnOneLine() throws Exception {
        var problem = JSON.readTree("""
                {"type":"urn:inferctl:problem:invalid-configuration","title":"Invalid configuration","status":422,
                 "code":"INVALID_CONFIGURATION","errors":[{"field":"config.accelerator.count","reason":"must be one of [1, 2, 4, 8]"},
                 {"field":"config.autoscaling.maxReplicas","reason":"must be at least minReplicas (2)"}]}""");

        assertThat(ApiClient.describe(422, problem)).isEqualTo("INVALID_CONFIGURATION: config.accelerator.count: must be one of [1, 2, 4, 8]; "
                + "config.autoscaling.maxReplicas: must be at least minReplicas (2)");
    }

    @Test
    void aProblemWithoutFieldErrorsReadsAsItsDetail() throws Exception {
        var problem = JSON.readTree("""
                {"title":"Rollout in progress","status":409,"detail":"Version 0 is ROLLING_OUT.","code":"ROLLOUT_IN_PROGRESS"}""");

        assertThat(ApiClient.describe(409, problem)).isEqualTo("ROLLOUT_IN_PROGRESS: Version 0 is ROLLING_OUT.");
    }

    @Test
    void anAnswerThatIsNotAProblemReadsAsItsStatus() {
        assertThat(ApiClient.describe(502, null)).isEqualTo("HTTP 502");
    }

    @Test
    void theSameChangeToTheSameVersionHasTheSameKeyAndAnyOtherChangeAnother() throws Exception {
        var body = JSON.readTree("{\"config\":{\"accelerator\":{\"count\":2}}}");
        var change = new ApiClient.Change("PATCH", "/v1/endpoints/e1", body, 3, false);

        String key = ApiClient.idempotencyKey(change);

        assertThat(ApiClient.idempotencyKey(new ApiClient.Change("PATCH", "/v1/endpoints/e1", body.deepCopy(), 3, false))).isEqualTo(key);
        assertThat(ApiClient.idempotencyKey(new ApiClient.Change("PATCH", "/v1/endpoints/e1", body, 4, false))).isNotEqualTo(key);
        assertThat(ApiClient.idempotencyKey(new ApiClient.Change("PATCH", "/v1/endpoints/e2", body, 3, false))).isNotEqualTo(key);
        assertThat(key).matches("inferctl-[0-9a-f]{64}");
    }

    @Test
    void aChangeThatBuildsOnNoVersionGetsAFreshKeyEachTime() throws Exception {
        var create = new ApiClient.Change("POST", "/v1/endpoints", JSON.readTree("{\"name\":\"a\"}"), null, false);

        assertThat(ApiClient.idempotencyKey(create)).isNotEqualTo(ApiClient.idempotencyKey(create));
    }
}
