package io.inferctl.query.endpoint.web;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.config.EndpointConfig;
import io.inferctl.events.config.FieldChange;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.query.projection.TimelineTable;
import io.inferctl.query.projection.model.TimelineEntry;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import io.inferctl.stream.EventJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Endpoints, versions and diffs over HTTP, from events that came through the topic. */
class EndpointQueryApiTest extends QueryServiceTest {

    @Autowired
    private ObjectMapper web;

    private EndpointHistory history;

    @BeforeEach
    void anEndpointWithAFailedAndARollingVersion() {
        history = EndpointHistory.of("api-" + UUID.randomUUID().toString().substring(0, 8)).created().served()
                .updated(Map.of(ConfigField.ACCELERATOR_COUNT, 2), "more GPUs per replica").started()
                .failed(FailureCode.INSUFFICIENT_GPU, "0/4 nodes are available: 4 Insufficient nvidia.com/gpu.",
                        "preflight")
                .updated(Map.of(ConfigField.AUTOSCALING_MAX_REPLICAS, 4), "more replicas").started()
                .progressed(RolloutPhase.REQUESTING_GPUS);
        publishAndAwait(history);
    }

    @Test
    void historyListsVersionsNewestFirstWithWhatIsCurrentInProgressAndFailed() {
        Api.Response page = api.get(versionsPath()).as(Tokens.VIEWER).send();

        assertThat(page.status()).isEqualTo(200);
        JsonNode items = page.body().get("items");
        assertThat(texts(items, "version")).containsExactly("2", "1", "0");
        assertThat(texts(items, "status")).containsExactly("ROLLING_OUT", "FAILED", "CURRENT");
        assertThat(items.get(0).get("phase").asText()).isEqualTo("REQUESTING_GPUS");
        JsonNode failure = items.get(1).get("failure");
        assertThat(failure.get("category").asText()).isEqualTo("RESOURCES");
        assertThat(failure.get("code").asText()).isEqualTo("INSUFFICIENT_GPU");
        assertThat(failure.get("message").asText()).isEqualTo("0/4 nodes are available: 4 Insufficient nvidia.com/gpu.");
        assertThat(failure.get("step").asText()).isEqualTo("preflight");
        assertThat(items.get(2).get("failure").isNull()).isTrue();
        assertThat(page.body().get("nextCursor").isNull()).isTrue();
    }

    /**
     * Pages hand out the stored snapshot, changes and timeline steps as they are: the stored text
     * (the steps joined into their array) must be exactly what the web layer's mapper renders from
     * the parsed values, as it did before.
     */
    @Test
    void storedVersionJsonIsExactlyWhatTheWebLayerWouldRender() throws Exception {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT config::text AS config, changes::text AS changes,"
                + " " + TimelineTable.aggregate("version_timeline", "v") + " AS timeline"
                + " FROM endpoint_version v WHERE endpoint_id = ?", history.endpointId());
        assertThat(rows).hasSize(3);
        ObjectMapper stored = EventJson.newMapper();
        for (Map<String, Object> row : rows) {
            assertThat(row.get("config")).isEqualTo(web.writeValueAsString(
                    stored.readValue((String) row.get("config"), EndpointConfig.class)));
            assertThat(row.get("changes")).isEqualTo(web.writeValueAsString(
                    stored.readValue((String) row.get("changes"), new TypeReference<List<FieldChange>>() {
                    })));
            assertThat(row.get("timeline")).isEqualTo(web.writeValueAsString(
                    stored.readValue((String) row.get("timeline"), new TypeReference<List<TimelineEntry>>() {
                    })));
        }
        List<String> steps = jdbc.queryForList("SELECT step ->> 'event' FROM version_timeline WHERE endpoint_id = ?"
                + " AND version = 1 ORDER BY ordinal", String.class, history.endpointId());
        JsonNode item = api.get(versionsPath()).as(Tokens.VIEWER).send().body().get("items").get(1);
        assertThat(item.get("timeline").get(2).get("event").asText()).isEqualTo("RolloutFailed");
        assertThat(texts(item.get("timeline"), "event")).isEqualTo(steps);
    }

    @Test
    void anEndpointShowsItsCurrentVersionAndTheVersionInProgressWithItsPhase() {
        Api.Response endpoint = api.get("/v1/endpoints/" + history.endpointId()).as(Tokens.VIEWER).send();

        assertThat(endpoint.status()).isEqualTo(200);
        assertThat(endpoint.body().get("name").asText()).isEqualTo(history.name());
        assertThat(endpoint.body().get("status").asText()).isEqualTo("UPDATING");
        assertThat(endpoint.body().get("currentVersion").asInt()).isZero();
        assertThat(endpoint.body().get("latestVersion").asInt()).isEqualTo(2);
        assertThat(endpoint.body().get("inProgress").get("version").asInt()).isEqualTo(2);
        assertThat(endpoint.body().get("inProgress").get("status").asText()).isEqualTo("ROLLING_OUT");
        assertThat(endpoint.body().get("inProgress").get("phase").asText()).isEqualTo("REQUESTING_GPUS");
        assertThat(endpoint.body().get("sequence").asLong()).isEqualTo(history.lastSequence());
    }

    @Test
    void aVersionCarriesItsFullConfigurationMetadataAndChangesFromThePreviousVersion() {
        Api.Response version = api.get(versionsPath() + "/1").as(Tokens.VIEWER).send();

        assertThat(version.status()).isEqualTo(200);
        JsonNode body = version.body();
        assertThat(body.get("origin").asText()).isEqualTo("UPDATE");
        assertThat(body.get("rollbackOf").isNull()).isTrue();
        assertThat(body.get("createdBy").asText()).isEqualTo(EndpointHistory.ALICE);
        assertThat(body.get("comment").asText()).isEqualTo("more GPUs per replica");
        assertThat(body.get("createdAt").asText()).isEqualTo(history.events().get(3).time().toString());
        JsonNode config = body.get("config");
        assertThat(config.get("model").get("name").asText()).isEqualTo("Llama-3.1-8B-Instruct");
        assertThat(config.get("model").has("revision")).isTrue();
        assertThat(config.get("accelerator").get("type").asText()).isEqualTo("NVIDIA_H100");
        assertThat(config.get("accelerator").get("count").asInt()).isEqualTo(2);
        assertThat(config.get("engine").get("maxBatchSize").asInt()).isEqualTo(64);
        assertThat(body.get("changes")).hasSize(1);
        assertThat(body.get("changes").get(0).toString())
                .isEqualTo("{\"field\":\"accelerator.count\",\"from\":1,\"to\":2}");
        assertThat(texts(body.get("timeline"), "event"))
                .containsExactly("EndpointVersionCreated", "RolloutStarted", "RolloutFailed");
    }

    @Test
    void aDiffListsEveryDifferingSettingWithBothValues() {
        Api.Response diff = api.get("/v1/endpoints/" + history.endpointId() + "/diff?from=0&to=2").as(Tokens.VIEWER).send();

        assertThat(diff.status()).isEqualTo(200);
        assertThat(diff.body().get("from").asInt()).isZero();
        assertThat(diff.body().get("to").asInt()).isEqualTo(2);
        assertThat(diff.body().get("changes").toString()).isEqualTo(
                "[{\"field\":\"accelerator.count\",\"from\":1,\"to\":2},"
                        + "{\"field\":\"autoscaling.maxReplicas\",\"from\":2,\"to\":4}]");

        Api.Response same = api.get("/v1/endpoints/" + history.endpointId() + "/diff?from=1&to=1").as(Tokens.VIEWER).send();
        assertThat(same.body().get("changes")).isEmpty();
    }

    @Test
    void endpointsAreFilteredByStatusAndPagedByCursorWithEachEndpointOnce() {
        EndpointHistory failedFirst = EndpointHistory.of("list-failed-" + UUID.randomUUID().toString().substring(0, 8))
                .created().started().failed(FailureCode.MODEL_NOT_FOUND, "no such model", "download");
        EndpointHistory deleted = EndpointHistory.of("list-deleted-" + UUID.randomUUID().toString().substring(0, 8))
                .created().served().deleted("gone");
        publishAndAwait(failedFirst, deleted);

        List<String> notServing = ids(api.get("/v1/endpoints?status=NOT_SERVING&limit=100").as(Tokens.VIEWER).send());
        assertThat(notServing).contains(failedFirst.endpointId()).doesNotContain(deleted.endpointId(),
                history.endpointId());
        assertThat(ids(api.get("/v1/endpoints?status=DELETED&limit=100").as(Tokens.VIEWER).send()))
                .contains(deleted.endpointId()).doesNotContain(failedFirst.endpointId());

        List<String> walked = new ArrayList<>();
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.get("/v1/endpoints?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .as(Tokens.VIEWER).send();
            assertThat(page.status()).isEqualTo(200);
            walked.addAll(ids(page));
            page.body().get("items").forEach(item -> names.add(item.get("name").asText()));
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asText();
        } while (cursor != null);
        Set<String> unique = new HashSet<>(walked);
        assertThat(unique).hasSize(walked.size());
        assertThat(walked).hasSize(jdbc.queryForObject("SELECT count(*) FROM endpoint", Integer.class));
        assertThat(names).isSorted();
    }

    @Test
    void aVersionKeptWarmSaysUntilWhenAndOnHowManyReplicas() {
        EndpointHistory warm = EndpointHistory.of("warm-" + UUID.randomUUID().toString().substring(0, 8)).created().served()
                .updated(Map.of(ConfigField.ACCELERATOR_COUNT, 2), "more GPUs").served().standbyStarted(0);
        publishAndAwait(warm);

        JsonNode v0 = api.get("/v1/endpoints/" + warm.endpointId() + "/versions/0").as(Tokens.VIEWER).send().body();
        JsonNode v1 = api.get("/v1/endpoints/" + warm.endpointId() + "/versions/1").as(Tokens.VIEWER).send().body();
        JsonNode listed = api.get("/v1/endpoints/" + warm.endpointId() + "/versions").as(Tokens.VIEWER).send().body();

        var started = (io.inferctl.events.VersionStandbyStarted) warm.events().get(warm.events().size() - 1).event();
        assertThat(v0.get("status").asText()).isEqualTo("SUPERSEDED");
        assertThat(v0.at("/standby/warmUntil").asText()).isEqualTo(started.warmUntil().toString());
        assertThat(v0.at("/standby/replicas").asInt()).isEqualTo(1);
        assertThat(v1.get("standby").isNull()).isTrue();
        assertThat(listed.at("/items/1/standby/replicas").asInt()).isEqualTo(1);
        assertThat(texts(v0.get("timeline"), "event")).last().isEqualTo("VersionStandbyStarted");
    }

    @Test
    void anUnknownEndpointIsNotFound() {
        Api.Response missing = api.get("/v1/endpoints/" + UUID.randomUUID() + "/versions").as(Tokens.VIEWER).send();

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).isEqualTo("application/problem+json");
        assertThat(missing.body().get("code").asText()).isEqualTo("ENDPOINT_NOT_FOUND");
    }

    private String versionsPath() {
        return "/v1/endpoints/" + history.endpointId() + "/versions";
    }

    private static List<String> ids(Api.Response page) {
        return texts(page.body().get("items"), "endpointId");
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }
}
