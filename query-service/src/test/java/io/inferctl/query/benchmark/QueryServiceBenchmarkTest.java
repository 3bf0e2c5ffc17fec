package io.inferctl.query.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.events.config.ConfigField;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.query.endpoint.EndpointQueries;
import io.inferctl.query.projection.Projector;
import io.inferctl.query.projection.ReadModelSchema;
import io.inferctl.query.projection.ReadModelTables;
import io.inferctl.query.support.EndpointHistory;
import io.inferctl.query.support.QueryServiceTest;
import io.inferctl.stream.StreamedEvent;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The figures of issue 7, measured against the running service: rebuild and projector throughput,
 * and the latency of the history page at 100,000 versions and of filtered audit pages over
 * 1,000,000 entries, over HTTP. Prints figures and query plans; asserts only correctness, never
 * times (the machine is shared). Run with
 * {@code ./mvnw -B -o verify -pl query-service -Dbenchmark=true -Dtest=QueryServiceBenchmarkTest}.
 * Sizes can be changed with {@code -Dbenchmark.rebuild.events}, {@code -Dbenchmark.history.versions},
 * {@code -Dbenchmark.audit.entries} and {@code -Dbenchmark.requests}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QueryServiceBenchmarkTest extends QueryServiceTest {

    private static final int REBUILD_EVENTS = Integer.getInteger("benchmark.rebuild.events", 200_000);
    private static final int HISTORY_VERSIONS = Integer.getInteger("benchmark.history.versions", 100_000);
    private static final int AUDIT_ENTRIES = Integer.getInteger("benchmark.audit.entries", 1_000_000);
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 1_000);
    private static final int PAGE = 50;
    private static final ReadModelTables SCRATCH = ReadModelTables.withPrefix("bench_");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    private Projector projector;
    @Autowired
    private ReadModelSchema schema;

    @Test
    @Order(1)
    void projectorThroughput() {
        List<StreamedEvent> events = interleave(lifecycles(1_000, 100));
        for (int run = 0; run < 3; run++) {
            schema.createEmptyCopy(SCRATCH);
            long start = System.nanoTime();
            for (int i = 0; i < events.size(); i += 500) {
                projector.apply(events.subList(i, Math.min(events.size(), i + 500)), SCRATCH);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH projector run %d: %d events in batches of 500 in %.2f s = %.0f events/s%n", run,
                    events.size(), seconds, events.size() / seconds);
        }
        schema.drop(SCRATCH);
    }

    @Test
    @Order(2)
    void rebuildThroughput() {
        List<EndpointHistory> histories = lifecycles(REBUILD_EVENTS / 100, 100);
        List<StreamedEvent> events = interleave(histories);
        // The relay is at-least-once: the topic holds some events twice.
        List<StreamedEvent> withDuplicates = new ArrayList<>(events.size() + events.size() / 100);
        for (int i = 0; i < events.size(); i++) {
            withDuplicates.add(events.get(i));
            if (i % 100 == 7) {
                withDuplicates.add(events.get(i));
            }
        }
        long sendStart = System.nanoTime();
        for (int i = 0; i < withDuplicates.size(); i += 10_000) {
            topic.send(withDuplicates.subList(i, Math.min(withDuplicates.size(), i + 10_000)));
        }
        System.out.printf("BENCH seeded topic with %d records in %.1f s%n", withDuplicates.size(),
                (System.nanoTime() - sendStart) / 1e9);
        EndpointHistory last = histories.get(histories.size() - 1);
        // One query for all endpoints: awaiting each in turn costs a poll interval per endpoint.
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> unprojected(histories) == 0);
        double projectSeconds = (System.nanoTime() - sendStart) / 1e9;
        System.out.printf("BENCH live projection: %d records from the first send to the last applied in %.1f s"
                + " = %.0f events/s%n", withDuplicates.size(), projectSeconds, withDuplicates.size() / projectSeconds);

        for (int run = 0; run < 2; run++) {
            Api.Response started = api.post("/v1/admin/rebuild").as(Tokens.ADMIN).send();
            assertThat(started.status()).isEqualTo(202);
            JsonNode[] done = new JsonNode[1];
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                done[0] = api.get("/v1/admin/rebuild").as(Tokens.ADMIN).send().body();
                String state = done[0].get("state").asText();
                return state.equals("COMPLETED") || state.equals("FAILED");
            });
            assertThat(done[0].get("state").asText()).as(done[0].toString()).isEqualTo("COMPLETED");
            double seconds = Duration.between(Instant.parse(done[0].get("startedAt").asText()),
                    Instant.parse(done[0].get("finishedAt").asText())).toMillis() / 1000.0;
            System.out.printf("BENCH rebuild run %d: %d events read, %d applied in %.2f s = %.0f events/s%n", run,
                    done[0].get("eventsRead").asLong(), done[0].get("eventsApplied").asLong(), seconds,
                    done[0].get("eventsRead").asLong() / seconds);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM endpoint_version WHERE endpoint_id = ?", Integer.class,
                last.endpointId())).isEqualTo(last.latestVersion() + 1);
    }

    @Test
    @Order(3)
    void historyPage() throws Exception {
        EndpointHistory history = EndpointHistory.of("bench-history").created();
        for (int v = 1; v < HISTORY_VERSIONS; v++) {
            history.updated(Map.of(ConfigField.ENGINE_MAX_BATCH_SIZE, v + 1), "step " + v);
            if (v % 3 == 0) {
                history.started().progressed(RolloutPhase.REQUESTING_GPUS).succeeded();
            }
        }
        List<StreamedEvent> events = history.events();
        long seedStart = System.nanoTime();
        for (int i = 0; i < events.size(); i += 1_000) {
            projector.apply(events.subList(i, Math.min(events.size(), i + 1_000)), ReadModelTables.LIVE);
        }
        System.out.printf("BENCH seeded %d versions (%d events) in %.1f s%n", HISTORY_VERSIONS, events.size(),
                (System.nanoTime() - seedStart) / 1e9);
        jdbc.execute("ANALYZE endpoint_version");

        String id = history.endpointId();
        String deepCursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("versions\n" + id + "\n" + HISTORY_VERSIONS / 2).getBytes(StandardCharsets.UTF_8));
        String first = "/v1/endpoints/" + id + "/versions?limit=" + PAGE;
        String deep = first + "&cursor=" + deepCursor;
        JsonNode page = JSON.readTree(get(first).body());
        assertThat(page.get("items")).hasSize(PAGE);
        assertThat(page.get("items").get(0).get("version").asInt()).isEqualTo(HISTORY_VERSIONS - 1);
        assertThat(JSON.readTree(get(deep).body()).get("items").get(0).get("version").asInt())
                .isEqualTo(HISTORY_VERSIONS / 2 - 1);

        latency("history first page", first);
        latency("history deep page", deep);
        explain("history page", "SELECT * FROM endpoint WHERE endpoint_id = '" + id + "'");
        explain("history page", EndpointQueries.VERSION_PAGE, id, Integer.MAX_VALUE, PAGE + 1);
        explain("history deep page", EndpointQueries.VERSION_PAGE, id, HISTORY_VERSIONS / 2, PAGE + 1);
        System.out.println("BENCH bytes per history page: " + get(first).body().length());
    }

    private long unprojected(List<EndpointHistory> histories) {
        Map<String, Long> projected = new java.util.HashMap<>();
        jdbc.query("SELECT endpoint_id, last_sequence FROM endpoint", (java.sql.ResultSet rs) -> {
            projected.put(rs.getString(1), rs.getLong(2));
        });
        return histories.stream().filter(h -> projected.getOrDefault(h.endpointId(), -1L) < h.lastSequence()).count();
    }

    @Test
    @Order(4)
    void auditPage() throws Exception {
        int existing = jdbc.queryForObject("SELECT count(*) FROM audit_entry", Integer.class);
        long seedStart = System.nanoTime();
        if (existing < AUDIT_ENTRIES) {
            seedAudit(AUDIT_ENTRIES - existing);
        }
        jdbc.execute("VACUUM ANALYZE audit_entry");
        System.out.printf("BENCH audit log holds %d entries (seeded in %.1f s)%n",
                jdbc.queryForObject("SELECT count(*) FROM audit_entry", Integer.class), (System.nanoTime() - seedStart) / 1e9);

        String endpoint = jdbc.queryForObject("SELECT endpoint_id FROM audit_entry WHERE endpoint_name = 'bench-audit-7'"
                + " LIMIT 1", String.class);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("none", "");
        filters.put("endpoint", "endpointId=" + endpoint);
        filters.put("actor", "actor=user-3@example.com");
        filters.put("action", "action=ROLLBACK");
        filters.put("rare action", "action=DELETE");
        filters.put("endpoint+action", "endpointId=" + endpoint + "&action=ROLLOUT_FAILED");
        filters.put("actor+action", "actor=user-3@example.com&action=CANCEL");
        filters.put("actor+endpoint", "actor=user-3@example.com&endpointId=" + endpoint);
        filters.put("since+until (1 day)", "since=2025-06-01T00:00:00Z&until=2025-06-02T00:00:00Z");
        filters.put("action+since+until", "action=UPDATE&since=2025-06-01T00:00:00Z&until=2025-06-08T00:00:00Z");
        filters.put("endpoint+since", "endpointId=" + endpoint + "&since=2025-09-01T00:00:00Z");
        filters.put("actor+since+until", "actor=user-3@example.com&since=2025-03-01T00:00:00Z&until=2025-04-01T00:00:00Z");
        filters.put("actor+endpoint+action", "actor=user-3@example.com&endpointId=" + endpoint + "&action=UPDATE");
        List<Long> all = new ArrayList<>();
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            String path = "/v1/audit?limit=" + PAGE + (filter.getValue().isEmpty() ? "" : "&" + filter.getValue());
            JsonNode page = JSON.readTree(get(path).body());
            String cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            for (int i = 0; i < 20 && cursor != null; i++) { // page 21: a keyset page deep into the log
                page = JSON.readTree(get(path + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)).body());
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            }
            all.addAll(latency("audit " + filter.getKey() + " (" + page.get("items").size() + " items on page 21)", path));
            if (cursor != null) {
                all.addAll(latency("audit " + filter.getKey() + " page 22", path + "&cursor="
                        + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            }
        }
        print("audit all filters", all);
        explainAudit("endpoint_id = '" + endpoint + "' AND action = 'ROLLOUT_FAILED'");
        explainAudit("actor = 'user-3@example.com' AND action = 'CANCEL'");
        explainAudit("actor = 'user-3@example.com' AND endpoint_id = '" + endpoint + "'");
        explainAudit("occurred_at >= '2025-06-01T00:00:00Z' AND occurred_at < '2025-06-02T00:00:00Z'");
        explainAudit("action = 'DELETE'");
    }

    private void explainAudit(String where) {
        explain("audit page", "SELECT * FROM audit_entry WHERE true AND " + where
                + " ORDER BY occurred_at DESC, id DESC LIMIT " + (PAGE + 1));
    }

    /**
     * Audit entries as the projector writes them, shaped like a busy year: 2,000 endpoints, 40 users
     * and the rollout worker, actions in realistic proportions, one entry every ~30 s.
     */
    private void seedAudit(int count) {
        jdbc.execute("""
                INSERT INTO audit_entry (id, occurred_at, actor, action, endpoint_id, endpoint_name, version,
                                         changed_fields, comment, detail)
                SELECT md5('bench-audit' || n) || '-' || n,
                       timestamptz '2025-01-01T00:00:00Z' + n * interval '31 seconds',
                       CASE WHEN a.action LIKE 'ROLLOUT_%%' THEN 'rollout-worker' ELSE 'user-' || (n * 7 %% 40) || '@example.com' END,
                       a.action,
                       md5('bench-endpoint-' || (n * 13 %% 2000)),
                       'bench-audit-' || (n * 13 %% 2000),
                       n / 2000,
                       CASE WHEN a.action IN ('UPDATE', 'ROLLBACK', 'WEBHOOK') THEN ARRAY['engine.maxBatchSize'] ELSE ARRAY[]::text[] END,
                       CASE WHEN a.action IN ('UPDATE', 'CANCEL') THEN 'change ' || n END,
                       CASE WHEN a.action = 'ROLLOUT_FAILED' THEN 'RESOURCES/INSUFFICIENT_GPU at preflight: no GPUs' END
                FROM generate_series(1, %d) AS n
                CROSS JOIN LATERAL (SELECT CASE
                       WHEN n %% 1000 = 0 THEN 'DELETE'
                       WHEN n %% 1000 < 10 THEN 'CREATE'
                       WHEN n %% 100 < 40 THEN 'UPDATE'
                       WHEN n %% 100 < 75 THEN 'ROLLOUT_SUCCEEDED'
                       WHEN n %% 100 < 80 THEN 'ROLLOUT_FAILED'
                       WHEN n %% 100 < 85 THEN 'ROLLBACK'
                       WHEN n %% 100 < 90 THEN 'WEBHOOK'
                       WHEN n %% 100 < 95 THEN 'CANCEL'
                       ELSE 'ROLLOUT_CANCELLED' END AS action) a
                """.formatted(count));
    }

    private List<Long> latency(String what, String path) throws Exception {
        for (int i = 0; i < 200; i++) { // warm up the JIT and the buffers
            get(path);
        }
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(path);
            nanos.add(System.nanoTime() - start);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        print(what, nanos);
        return nanos;
    }

    private static void print(String what, List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        System.out.printf("BENCH %s over HTTP: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%d requests)%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.9) - 1] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Tokens.VIEWER).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The plan of {@code sql} with its parameters bound, as the application sends it. */
    private void explain(String what, String sql, Object... args) {
        System.out.println("BENCH EXPLAIN " + what + ": " + sql + (args.length == 0 ? "" : " " + List.of(args)));
        jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + sql, String.class, args)
                .forEach(line -> System.out.println("BENCH   " + line));
    }

    /** Endpoints that each create, roll out and update versions: every event type of a normal life. */
    static List<EndpointHistory> lifecycles(int endpoints, int eventsPerEndpoint) {
        List<EndpointHistory> histories = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            EndpointHistory history = EndpointHistory.of("bench-" + i).created().started()
                    .progressed(RolloutPhase.REQUESTING_GPUS).succeeded();
            for (int v = 1; history.events().size() + 5 <= eventsPerEndpoint; v++) {
                history.updated(Map.of(ConfigField.AUTOSCALING_COOLDOWN_SECONDS, 300 + v), "tick " + v).started()
                        .progressed(RolloutPhase.STARTING_ENGINE).progressed(RolloutPhase.SWITCHING_TRAFFIC).succeeded();
            }
            histories.add(history);
        }
        return histories;
    }

    /** The endpoints' events mixed, each endpoint's in its order: what a partition holds. */
    static List<StreamedEvent> interleave(List<EndpointHistory> histories) {
        List<StreamedEvent> mixed = new ArrayList<>();
        int longest = histories.stream().mapToInt(h -> h.events().size()).max().orElse(0);
        List<List<StreamedEvent>> all = histories.stream().map(EndpointHistory::events).toList();
        for (int i = 0; i < longest; i++) {
            for (List<StreamedEvent> events : all) {
                if (i < events.size()) {
                    mixed.add(events.get(i));
                }
            }
        }
        return mixed;
    }
}
