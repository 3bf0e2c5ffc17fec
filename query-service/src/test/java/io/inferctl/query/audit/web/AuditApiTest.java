package io.inferctl.query.audit.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log over HTTP: filters, keyset pages and the streamed exports. */
class AuditApiTest extends QueryServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EndpointHistory history;
    private Instant start;

    @BeforeEach
    void anEndpointWithCommandsAndOutcomes() {
        start = Instant.parse("2020-01-01T00:00:00Z").plus(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000),
                ChronoUnit.MINUTES);
        history = EndpointHistory.of("audit-" + UUID.randomUUID().toString().substring(0, 8), start).created().served()
                .updated(Map.of(ConfigField.ACCELERATOR_COUNT, 2, ConfigField.ENGINE_MAX_BATCH_SIZE, 32),
                        "more GPUs, smaller batches, \"quoted\"").started()
                .failed(FailureCode.INSUFFICIENT_GPU, "no GPUs", "preflight")
                .rolledBack(0, "back");
        publishAndAwait(history);
    }

    @Test
    void anEndpointsEntriesSayWhoDidWhatWhenNewestFirst() {
        Api.Response page = api.get("/v1/audit?endpointId=" + history.endpointId()).as(Tokens.VIEWER).send();

        assertThat(page.status()).isEqualTo(200);
        JsonNode items = page.body().get("items");
        assertThat(texts(items, "action")).containsExactly("ROLLBACK", "ROLLOUT_FAILED", "UPDATE", "ROLLOUT_SUCCEEDED",
                "CREATE");
        assertThat(texts(items, "actor")).containsExactly(EndpointHistory.ALICE, EndpointHistory.WORKER,
                EndpointHistory.ALICE, EndpointHistory.WORKER, EndpointHistory.ALICE);
        JsonNode update = items.get(2);
        assertThat(update.get("version").asInt()).isEqualTo(1);
        assertThat(update.get("changedFields").toString())
                .isEqualTo("[\"accelerator.count\",\"engine.maxBatchSize\"]");
        assertThat(update.get("comment").asText()).isEqualTo("more GPUs, smaller batches, \"quoted\"");
        assertThat(update.get("occurredAt").asText()).isEqualTo(start.plusSeconds(3).toString());
        assertThat(update.get("endpointName").asText()).isEqualTo(history.name());
        assertThat(items.get(1).get("detail").asText()).isEqualTo("RESOURCES/INSUFFICIENT_GPU at preflight: no GPUs");
        assertThat(items.get(0).get("detail").asText()).isEqualTo("settings of v0");
    }

    @Test
    void entriesAreFilteredByActorActionAndTime() {
        String base = "/v1/audit?endpointId=" + history.endpointId();

        assertThat(texts(api.get(base + "&actor=" + EndpointHistory.WORKER).as(Tokens.VIEWER).send().body().get("items"),
                "action")).containsExactly("ROLLOUT_FAILED", "ROLLOUT_SUCCEEDED");
        assertThat(texts(api.get(base + "&action=UPDATE").as(Tokens.VIEWER).send().body().get("items"), "version"))
                .containsExactly("1");
        String since = start.plusSeconds(2).toString();
        String until = start.plusSeconds(6).toString();
        assertThat(texts(api.get(base + "&since=" + since + "&until=" + until).as(Tokens.VIEWER).send()
                .body().get("items"), "action")).containsExactly("ROLLOUT_FAILED", "UPDATE", "ROLLOUT_SUCCEEDED");
    }

    @Test
    void pagesWalkTheWholeLogWithEveryEntryOnceNewestFirst() {
        List<String> ids = new ArrayList<>();
        List<String> times = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.get("/v1/audit?limit=3" + (cursor == null ? "" : "&cursor=" + cursor))
                    .as(Tokens.VIEWER).send();
            assertThat(page.status()).isEqualTo(200);
            page.body().get("items").forEach(item -> {
                ids.add(item.get("id").asText());
                times.add(item.get("occurredAt").asText());
            });
            cursor = page.body().get("nextCursor").isNull() ? null : page.body().get("nextCursor").asText();
        } while (cursor != null);

        assertThat(new HashSet<>(ids)).hasSize(ids.size());
        assertThat(ids).hasSize(jdbc.queryForObject("SELECT count(*) FROM audit_entry", Integer.class));
        assertThat(times.stream().map(Instant::parse).toList()).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void ndjsonExportStreamsTheWholeFilteredLogOneEntryPerLine() throws Exception {
        Api.Response export = api.get("/v1/audit?endpointId=" + history.endpointId())
                .header("Accept", "application/x-ndjson").as(Tokens.VIEWER).send();

        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        String[] lines = export.raw().body().split("\n");
        assertThat(lines).hasSize(5);
        List<String> actions = new ArrayList<>();
        for (String line : lines) {
            actions.add(JSON.readTree(line).get("action").asText());
        }
        assertThat(actions).containsExactly("ROLLBACK", "ROLLOUT_FAILED", "UPDATE", "ROLLOUT_SUCCEEDED", "CREATE");
    }

    @Test
    void csvExportHasAHeaderAndQuotesWhatNeedsQuoting() {
        Api.Response export = api.get("/v1/audit?endpointId=" + history.endpointId() + "&action=UPDATE")
                .header("Accept", "text/csv").as(Tokens.VIEWER).send();

        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        String[] lines = export.raw().body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("id,occurredAt,actor,action,endpointId,endpointName,version,changedFields,comment,detail");
        assertThat(lines[1]).isEqualTo(String.join(",", history.events().get(3).eventId(),
                start.plusSeconds(3).toString(), EndpointHistory.ALICE, "UPDATE", history.endpointId(), history.name(),
                "1", "accelerator.count;engine.maxBatchSize", "\"more GPUs, smaller batches, \"\"quoted\"\"\"", ""));
    }

    @Test
    void csvExportNeutralisesCellsASpreadsheetWouldRunAsFormulasAndStillParsesIntoTheSameColumns() throws Exception {
        String name = "-risky-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> comments = List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A9)",
                "\tcmd", "\rcmd");
        EndpointHistory risky = EndpointHistory.of(name, start).actingAs("=cmd|' /C calc'!A0")
                .created(EndpointHistory.BASE_CONFIG, comments.get(0));
        for (int i = 1; i < comments.size(); i++) {
            risky.updated(Map.of(ConfigField.AUTOSCALING_COOLDOWN_SECONDS, 300 + i), comments.get(i));
        }
        publishAndAwait(risky);

        Api.Response export = api.get("/v1/audit?endpointId=" + risky.endpointId())
                .header("Accept", "text/csv").as(Tokens.VIEWER).send();

        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(MediaType.parseMediaType(export.contentType()))
                .isEqualTo(new MediaType("text", "csv", StandardCharsets.UTF_8));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(export.raw().body())).getRecords();
        assertThat(rows).hasSize(comments.size());
        for (CSVRecord row : rows) {
            assertThat(row.size()).isEqualTo(10);
            assertThat(row.get("actor")).isEqualTo("'=cmd|' /C calc'!A0");
            assertThat(row.get("endpointName")).isEqualTo("'" + name);
            assertThat(row.get("endpointId")).isEqualTo(risky.endpointId());
        }
        assertThat(rows.stream().map(row -> row.get("comment")).toList())
                .containsExactlyInAnyOrderElementsOf(comments.stream().map(comment -> "'" + comment).toList());
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }
}
