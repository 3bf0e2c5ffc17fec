package io.inferctl.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;

/**
 * Scenarios 4 and 5 on a long history written onto the topic ({@link SyntheticHistory}): the
 * projection takes it in (its throughput is reported too); history and audit pages are read through
 * the API and with the same SQL straight on the query database; then the read models are rebuilt
 * from the topic, beside a plain consumer reading the same topic.
 */
final class HistoryScenario {

    private static final int PAGE = 50;
    /** The filtered audit page: one actor's rollbacks, newest first (what the API runs; see AuditQueries). */
    private static final String AUDIT_SQL = "SELECT * FROM audit_entry WHERE true AND actor = ? AND action = ?"
            + " ORDER BY occurred_at DESC, id DESC LIMIT ?";
    /** A page of an endpoint's history, newest first (what the API runs; see EndpointQueries). */
    private static final String HISTORY_SQL = "SELECT endpoint_id, version, status, phase, origin, rollback_of, created_by,"
            + " created_at, comment, config, changes, failure_category, failure_code, failure_message, failure_step,"
            + " cancellation_requested, (SELECT coalesce('[' || string_agg(s.step::text, ',' ORDER BY s.ordinal) || ']',"
            + " '[]') FROM version_timeline s WHERE s.endpoint_id = v.endpoint_id AND s.version = v.version) AS timeline"
            + " FROM endpoint_version v WHERE endpoint_id = ? AND version < ?"
            + " ORDER BY version DESC LIMIT ?";

    private final Stack stack;
    private final Api api;
    private final Scale scale;
    private final Report report;

    HistoryScenario(Scenario scenario) {
        this.stack = scenario.stack();
        this.api = scenario.api();
        this.scale = scenario.scale();
        this.report = scenario.report();
    }

    void run() throws Exception {
        long started = System.nanoTime();
        SyntheticHistory.Written written = new SyntheticHistory()
                .write(stack.kafkaBootstrap(), stack.topic(), scale.historyVersions(), scale.auditEntries());
        double producedSeconds = (System.nanoTime() - started) / 1e9;
        await("the projection to take in the history").atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> projected(written.lastEndpointId()) >= written.lastSequence());
        double projectedSeconds = (System.nanoTime() - started) / 1e9;
        report.add("4. Live projection of that history", Report.perSecond(written.events() / projectedSeconds) + " events ("
                        + Report.count(written.events()) + " events of " + Report.count(written.endpoints()) + " endpoints)",
                "written onto the topic at " + Report.perSecond(written.events() / producedSeconds), "", null);

        reads(written.longEndpointId());
        rebuild();
    }

    private long projected(String endpointId) {
        Api.Answer answer = api.query("/v1/endpoints/" + endpointId);
        return answer.status() == 200 ? answer.json().path("sequence").asLong(-1) : -1;
    }

    private void reads(String endpointId) throws SQLException {
        List<String> cursors = new ArrayList<>();
        List<Integer> bounds = new ArrayList<>();
        cursors.add(null);
        bounds.add(Integer.MAX_VALUE);
        String cursor = null;
        for (int page = 0; page < Math.min(40, scale.historyVersions() / PAGE - 1); page++) {
            JsonNode body = api.query(historyPath(endpointId, cursor)).expect(200).json();
            cursor = body.path("nextCursor").asText(null);
            JsonNode items = body.path("items");
            cursors.add(cursor);
            bounds.add(items.get(items.size() - 1).path("version").asInt());
        }
        String actor = SyntheticHistory.ACTORS.get(3);
        String auditPath = "/v1/audit?actor=" + URLEncoder.encode(actor, StandardCharsets.UTF_8) + "&action=ROLLBACK&limit=" + PAGE;
        try (Connection connection = DriverManager.getConnection(stack.queryJdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
             PreparedStatement history = connection.prepareStatement(HISTORY_SQL);
             PreparedStatement audit = connection.prepareStatement(AUDIT_SQL)) {
            Latency historyApi = timed(() -> api.query(historyPath(endpointId, pick(cursors))).status() == 200);
            Latency historySql = timed(() -> {
                int bound = bounds.get(ThreadLocalRandom.current().nextInt(bounds.size()));
                return rows(history, endpointId, bound, PAGE + 1) > 0;
            });
            Latency auditApi = timed(() -> api.query(auditPath).status() == 200);
            Latency auditSql = timed(() -> rows(audit, actor, "ROLLBACK", PAGE + 1) > 0);
            report.add("4. History page (" + PAGE + " of " + Report.count(scale.historyVersions()) + " versions)",
                    historyApi.summary(), "same SQL on the query database: " + historySql.summary(),
                    "p99 <= 5 ms", historyApi.percentileMillis(99) <= 5);
            report.add("4. Filtered audit page (" + PAGE + " of " + Report.count(scale.auditEntries()) + " entries, one actor's rollbacks)",
                    auditApi.summary(), "same SQL on the query database: " + auditSql.summary(),
                    "p99 <= 20 ms", auditApi.percentileMillis(99) <= 20);
        }
    }

    private static String pick(List<String> cursors) {
        return cursors.get(ThreadLocalRandom.current().nextInt(cursors.size()));
    }

    private static String historyPath(String endpointId, String cursor) {
        return "/v1/endpoints/" + endpointId + "/versions?limit=" + PAGE
                + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }

    /** One client, back to back: as many untimed reads first (at most 500), then the timed ones. */
    private Latency timed(BooleanSupplier read) {
        for (int i = 0; i < Math.min(500, scale.reads()); i++) {
            read.getAsBoolean();
        }
        Latency latency = new Latency();
        for (int i = 0; i < scale.reads(); i++) {
            long start = System.nanoTime();
            if (!read.getAsBoolean()) {
                throw new IllegalStateException("a read found nothing");
            }
            latency.recordNanos(System.nanoTime() - start);
        }
        return latency;
    }

    /** Runs a statement and reads every column of every row, as the service's row mapping does. */
    private static int rows(PreparedStatement statement, Object... parameters) {
        try {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            int rows = 0;
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rs.getString(c);
                    }
                    rows++;
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void rebuild() {
        double rawRate = rawConsume();
        api.startRebuild().expect(202);
        await("the rebuild to finish").atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    String state = api.query("/v1/admin/rebuild").json().path("state").asText();
                    if (state.equals("FAILED")) {
                        throw new IllegalStateException("the rebuild failed: " + api.query("/v1/admin/rebuild").body());
                    }
                    return state.equals("COMPLETED");
                });
        JsonNode progress = api.query("/v1/admin/rebuild").json();
        long events = progress.path("eventsRead").asLong();
        double seconds = Duration.between(Instant.parse(progress.path("startedAt").asText()),
                Instant.parse(progress.path("finishedAt").asText())).toNanos() / 1e9;
        double rate = events / seconds;
        report.add("5. Rebuild (" + Report.count(events) + " events)", Report.perSecond(rate) + " events, start to switch",
                "a plain consumer reading the topic: " + Report.perSecond(rawRate) + " events",
                ">= 50,000/s", rate >= 50_000);
    }

    /** Reads the whole topic once with a plain consumer: bytes only, nothing decoded or stored. */
    private double rawConsume() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(stack.topic())) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            long read = 0;
            long start = System.nanoTime();
            while (read < total) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                read += records.count();
            }
            return read / ((System.nanoTime() - start) / 1e9);
        }
    }
}
