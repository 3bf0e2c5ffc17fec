package io.inferctl.command.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.command.CommandServiceApplication;
import io.inferctl.command.support.Tokens;
import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The figures of issue 7, measured against the real service over HTTP on the shared PostgreSQL and
 * Kafka: raw single-row append transactions beside version-creating commands at 1, 4 and 16
 * clients; command latency at a fixed rate of half the best command rate; the relay's delay from
 * an event's time to its record on Kafka; and the statements and transactions each command costs.
 * It prints figures and asserts no timing.
 *
 * <pre>./mvnw -B -o verify -pl command-service -Dtest=CommandPathBenchmark -Dbenchmark=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbenchmark.seconds=5] [-Dbenchmark.synchronousCommit=on] \
 *     [-Dbenchmark.clients=1,4,16] [-Dbenchmark.service=some.property=value,...]</pre>
 *
 * Results are written to {@code target/benchmark/command-path-<time>.txt}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class CommandPathBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int[] CLIENTS = Arrays.stream(System.getProperty("benchmark.clients", "1,4,16").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final Duration WINDOW = Duration.ofSeconds(Long.getLong("benchmark.seconds", 5));
    private static final Duration LATENCY_WINDOW = Duration.ofSeconds(Long.getLong("benchmark.latencySeconds", 10));
    /** The embedded server runs with synchronous_commit=off; production PostgreSQL waits for the WAL flush. */
    private static final String SYNCHRONOUS_COMMIT = System.getProperty("benchmark.synchronousCommit", "on");
    private static final int SAMPLE = 200;

    private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private final String database = "command_benchmark_" + run;
    private final String topic = "benchmark-events-" + run;
    private final StringWriter report = new StringWriter();
    private final PrintWriter out = new PrintWriter(report, true);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong names = new AtomicLong();
    /** Endpoints whose latest version served, so the next PATCH or rollback creates a version. */
    private final Queue<Settled> settled = new ConcurrentLinkedQueue<>();
    private final StatementCounter counter = new StatementCounter();
    private String baseUrl;
    private CpuMeter cpu;
    private final List<String> cpuLines = new ArrayList<>();

    /** @param patchNext whether the next version comes from a PATCH (else a rollback to v0) */
    record Settled(String id, int latestVersion, boolean patchNext) {
    }

    @Test
    void commandPathFigures() throws Exception {
        String jdbcUrl = SharedInfrastructure.postgres().ensureDatabase(database);
        try (Connection admin = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " SET synchronous_commit = " + SYNCHRONOUS_COMMIT);
        }
        out.printf("command path benchmark %s: %d cores, synchronous_commit=%s, window %s, JVM %s, service %s%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), SYNCHRONOUS_COMMIT, WINDOW,
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments(),
                System.getProperty("benchmark.service", "as configured"));
        try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, "");
             Statement statement = connection.createStatement();
             ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            String status = Files.readString(Path.of("/proc", String.valueOf(pid.getLong(1)), "status"));
            cpu = new CpuMeter(Long.parseLong(status.lines().filter(line -> line.startsWith("PPid:")).findFirst()
                    .orElseThrow().substring(5).trim()));
        }
        try (ConfigurableApplicationContext service = start(jdbcUrl)) {
            recordCommitTimes(service.getBean(EventStore.class));
            baseUrl = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
            warmUp();
            Map<Integer, Double> raw = new LinkedHashMap<>();
            for (int clients : CLIENTS) {
                raw.put(clients, rawAppends(jdbcUrl, clients));
            }
            double best = 0;
            out.println();
            out.println("clients | raw appends/s | creates/s | versions/s | commands/s (creates+versions) | ratio");
            for (int clients : CLIENTS) {
                double creates = closedLoop(clients, false);
                settleAll();
                double versions = closedLoop(clients, true);
                settleAll();
                double commands = (creates + versions) / 2;
                best = Math.max(best, commands);
                out.printf("%7d | %13.0f | %9.0f | %10.0f | %29.0f | %.2f%n", clients, raw.get(clients), creates, versions,
                        commands, commands / raw.get(clients));
            }
            out.println();
            out.println("CPU ms per accepted command while measuring (request threads, relay incl. its producer, "
                    + "event store reader, PostgreSQL server):");
            cpuLines.forEach(out::println);
            statementsPerCommand(jdbcUrl);
            latencyAtHalfRate(best / 2);
        } finally {
            write();
        }
    }

    private ConfigurableApplicationContext start(String jdbcUrl) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.name", CommandServiceApplication.CONFIG_NAME);
        properties.put("spring.profiles.active", "test");
        properties.put("server.port", 0);
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
        properties.put("spring.datasource.password", "");
        properties.put("spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers());
        properties.put("axoniq.update-checker.disabled", true);
        properties.put("inferctl.relay.topic", topic);
        // The test profile snapshots every 5 events to exercise snapshots; measure the production default.
        properties.put("inferctl.event-store.snapshot-threshold", 100);
        // The test profile pushes back after 20 events behind, for RelayBackpressureTest; measure the default.
        properties.put("inferctl.relay.backpressure.max-lag-events", 200);
        properties.put("inferctl.relay.backpressure.sample-interval", "200ms");
        properties.put("logging.level.root", "WARN");
        // e.g. -Dbenchmark.service=axon.timeout.enabled=true,management.observations.enable.spring.security=true
        for (String setting : System.getProperty("benchmark.service", "").split(",")) {
            if (setting.contains("=")) {
                properties.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(counter))
                .run(arguments);
    }

    /** When each event's transaction committed, by event id: where the relay's delay starts. */
    private final Map<String, Long> commitTimes = new ConcurrentHashMap<>();

    private void recordCommitTimes(EventStore eventStore) {
        eventStore.registerDispatchInterceptor(messages -> {
            List<String> ids = messages.stream().map(EventMessage::getIdentifier).toList();
            CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.afterCommit(u -> {
                long now = System.currentTimeMillis();
                ids.forEach(id -> commitTimes.put(id, now));
            }));
            return (index, message) -> message;
        });
    }

    private void warmUp() throws Exception {
        Duration warmUp = Duration.ofSeconds(Long.getLong("benchmark.warmUpSeconds", 10));
        long end = System.nanoTime() + warmUp.toNanos();
        while (System.nanoTime() < end) {
            closedLoop(4, false, Duration.ofSeconds(2));
            settleAll();
            closedLoop(4, true, Duration.ofSeconds(2));
            settleAll();
        }
    }

    // ---- raw appends -------------------------------------------------------------------------

    private double rawAppends(String jdbcUrl, int clients) throws Exception {
        try (Connection setup = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, "");
             Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS raw_append (global_index BIGSERIAL PRIMARY KEY, "
                    + "aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, "
                    + "event_identifier VARCHAR(255) NOT NULL UNIQUE, payload BYTEA NOT NULL, "
                    + "time_stamp VARCHAR(255) NOT NULL, UNIQUE (aggregate_identifier, sequence_number))");
        }
        byte[] payload = kilobyteOfJson();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        long[] window = new long[2];
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, "");
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO raw_append "
                             + "(aggregate_identifier, sequence_number, event_identifier, payload, time_stamp) "
                             + "VALUES (?, ?, ?, ?, ?)")) {
                    String aggregate = UUID.randomUUID().toString();
                    long sequence = 0;
                    while (!stop.get()) {
                        insert.setString(1, aggregate);
                        insert.setLong(2, sequence++);
                        insert.setString(3, UUID.randomUUID().toString());
                        insert.setBytes(4, payload);
                        insert.setString(5, Instant.now().toString());
                        insert.executeUpdate();
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        long before = done.get();
        window[0] = System.nanoTime();
        LockSupport.parkNanos(WINDOW.toNanos());
        long after = done.get();
        window[1] = System.nanoTime();
        stop.set(true);
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return (after - before) / ((window[1] - window[0]) / 1e9);
    }

    private static byte[] kilobyteOfJson() {
        StringBuilder json = new StringBuilder("{\"endpointId\":\"").append(UUID.randomUUID()).append("\",\"settings\":{");
        for (int i = 0; json.length() < 1000; i++) {
            json.append("\"setting").append(i).append("\":\"value-").append(i).append("\",");
        }
        json.setLength(json.length() - 1);
        return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- commands, closed loop ----------------------------------------------------------------

    private double closedLoop(int clients, boolean versions) throws Exception {
        return closedLoop(clients, versions, WINDOW);
    }

    /** Accepted commands per second; version commands stop early when no settled endpoint is left. */
    private double closedLoop(int clients, boolean versions, Duration window) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Map<String, Long> cpuBefore = cpu.snapshot();
        long start = System.nanoTime();
        long deadline = start + window.toNanos();
        AtomicLong lastDone = new AtomicLong(start);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        Queue<Settled> changed = new ConcurrentLinkedQueue<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                while (!stop.get() && System.nanoTime() < deadline) {
                    boolean ok;
                    if (versions) {
                        Settled endpoint = settled.poll();
                        if (endpoint == null) {
                            break;
                        }
                        Settled next = createVersion(endpoint);
                        ok = next != null;
                        changed.add(next != null ? next : endpoint);
                    } else {
                        ok = create() != null;
                    }
                    (ok ? accepted : refused).incrementAndGet();
                    lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        Map<String, Long> cpuUsed = CpuMeter.minus(cpu.snapshot(), cpuBefore);
        if (window == WINDOW && accepted.get() > 0) {
            StringBuilder line = new StringBuilder(String.format("  %-8s %2d clients:", versions ? "versions" : "creates",
                    clients));
            cpuUsed.forEach((role, nanos) -> line.append(String.format(" %s %.2f", role, nanos / 1e6 / accepted.get())));
            cpuLines.add(line.toString());
        }
        pendingSettle.addAll(changed);
        if (refused.get() > 0) {
            out.printf("  (%d refused while measuring %s at %d clients)%n", refused.get(),
                    versions ? "versions" : "creates", clients);
        }
        double seconds = (lastDone.get() - start) / 1e9;
        return accepted.get() / seconds;
    }

    /** Endpoints with a pending version (new or changed) that the worker's reports will settle. */
    private final Queue<Settled> pendingSettle = new ConcurrentLinkedQueue<>();

    private Settled create() {
        String name = "b" + run + "-" + Long.toString(names.incrementAndGet(), 36);
        JsonNode answer = send("POST", "/v1/endpoints", Tokens.ALICE, createBody(name), "k-" + name, 201);
        if (answer == null) {
            return null;
        }
        Settled endpoint = new Settled(answer.get("endpointId").asText(), 0, true);
        pendingSettle.add(endpoint);
        return endpoint;
    }

    private Settled createVersion(Settled endpoint) {
        String key = "k-" + endpoint.id() + "-" + (endpoint.latestVersion() + 1);
        JsonNode answer = endpoint.patchNext()
                ? send("PATCH", "/v1/endpoints/" + endpoint.id(), Tokens.ALICE,
                "{\"config\":{\"autoscaling\":{\"maxReplicas\":3}},\"comment\":\"benchmark change\"}", key, 202)
                : send("POST", "/v1/endpoints/" + endpoint.id() + "/rollback", Tokens.ALICE,
                "{\"targetVersion\":0,\"comment\":\"benchmark rollback\"}", key, 202);
        return answer == null ? null
                : new Settled(endpoint.id(), answer.get("version").asInt(), !endpoint.patchNext());
    }

    /** The worker's reports that take every pending version to CURRENT; not measured. */
    private void settleAll() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            workers.add(pool.submit(() -> {
                for (Settled endpoint; (endpoint = pendingSettle.poll()) != null; ) {
                    String rollout = "/v1/internal/endpoints/" + endpoint.id() + "/versions/" + endpoint.latestVersion()
                            + "/rollout/";
                    if (send("POST", rollout + "started", Tokens.WORKER, null, null, 200) != null
                            && send("POST", rollout + "succeeded", Tokens.WORKER, null, null, 200) != null) {
                        settled.add(endpoint);
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
    }

    private static String createBody(String name) {
        return "{\"name\":\"" + name + "\",\"comment\":\"benchmark\",\"config\":{"
                + "\"model\":{\"name\":\"Llama-3.1-8B-Instruct\",\"source\":\"hf://meta-llama/Llama-3.1-8B-Instruct\"},"
                + "\"accelerator\":{\"type\":\"NVIDIA_H100\",\"count\":1},"
                + "\"autoscaling\":{\"minReplicas\":1,\"maxReplicas\":2}}}";
    }

    /** @return the answer's body, or {@code null} when the status was not the expected one */
    private JsonNode send(String method, String path, String token, String body, String idempotencyKey, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                if (unexpected.incrementAndGet() <= 5) {
                    out.printf("  unexpected answer to %s %s: %d %s%n", method, path, response.statusCode(), response.body());
                }
                return null;
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private final AtomicLong unexpected = new AtomicLong();

    // ---- statements and transactions per command ----------------------------------------------

    private void statementsPerCommand(String jdbcUrl) throws Exception {
        out.println();
        for (boolean versions : new boolean[]{false, true}) {
            if (versions) {
                settleAll();
            }
            counter.reset();
            long commitsBefore = serverCommits(jdbcUrl);
            int done = 0;
            for (int i = 0; i < SAMPLE; i++) {
                if (versions) {
                    Settled endpoint = settled.poll();
                    if (endpoint == null) {
                        break;
                    }
                    Settled next = createVersion(endpoint);
                    pendingSettle.add(next == null ? endpoint : next);
                    done += next == null ? 0 : 1;
                } else {
                    done += create() == null ? 0 : 1;
                }
            }
            long commits = serverCommits(jdbcUrl) - commitsBefore;
            out.printf("per %s command, one client, %d commands (JDBC calls on request threads):%n",
                    versions ? "version (PATCH/rollback)" : "create", done);
            int commands = done;
            counter.snapshot().forEach((what, count) -> {
                if (what.startsWith("http")) {
                    out.printf("  %6.2f  %s%n", (double) count / commands, what);
                }
            });
            out.printf("  %6.2f  transactions committed in the database per command, all threads (pg_stat_database)%n",
                    (double) commits / commands);
            out.println("  meanwhile on the relay's thread and others (event store producer, snapshotter), per command:");
            counter.snapshot().forEach((what, count) -> {
                if (!what.startsWith("http")) {
                    out.printf("  %6.2f  %s%n", (double) count / commands, what);
                }
            });
        }
        counter.reset();
    }

    private long serverCommits(String jdbcUrl) throws SQLException {
        // pg_stat's counters lag by up to the stats flush interval; clearing the snapshot forces a fresh read.
        try (Connection connection = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_force_next_flush()");
            statement.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    // ---- latency at a fixed rate, and the relay's delay ---------------------------------------

    private void latencyAtHalfRate(double rate) throws Exception {
        settleAll();
        int count = (int) (rate * LATENCY_WINDOW.toSeconds());
        out.println();
        out.printf("fixed rate %.0f commands/s for %s (creates and versions alternating, %d settled endpoints ready):%n",
                rate, LATENCY_WINDOW, settled.size());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failed = new AtomicLong();
        List<long[]> relay = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean consuming = new AtomicBoolean(true);
        Instant from = Instant.now();
        Thread consumer = new Thread(() -> consume(relay, consuming, from), "benchmark-consumer");
        consumer.start();
        ExecutorService senders = Executors.newCachedThreadPool();
        long period = (long) (1e9 / rate);
        long start = System.nanoTime() + Duration.ofMillis(500).toNanos();
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long intended = start + i * period;
            LockSupport.parkNanos(intended - System.nanoTime());
            boolean version = i % 2 == 1;
            sent.add(senders.submit(() -> {
                boolean ok;
                if (version) {
                    Settled endpoint = settled.poll();
                    ok = endpoint != null && createVersion(endpoint) != null;
                } else {
                    ok = create() != null;
                }
                // From the intended start, so a stall delays every later request's figure too.
                latencies.add(System.nanoTime() - intended);
                if (!ok) {
                    failed.incrementAndGet();
                }
            }));
        }
        for (Future<?> future : sent) {
            future.get();
        }
        senders.shutdown();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        out.printf("  command latency: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms (%d not accepted)%n", sorted.length,
                percentile(sorted, 50) / 1e6, percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6, failed.get());
        long quietSince = System.nanoTime();
        int seen = relay.size();
        while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            if (relay.size() != seen) {
                seen = relay.size();
                quietSince = System.nanoTime();
            }
        }
        consuming.set(false);
        consumer.join();
        long[] pickUp = relay.stream().mapToLong(r -> r[0]).sorted().toArray();
        long[] arrival = relay.stream().mapToLong(r -> r[1]).sorted().toArray();
        if (arrival.length > 0) {
            out.printf("  relay, commit -> relay's send (record timestamp): n=%d p50=%d ms p99=%d ms max=%d ms%n", pickUp.length,
                    percentile(pickUp, 50), percentile(pickUp, 99), pickUp[pickUp.length - 1]);
            out.printf("  relay, commit -> record received by a consumer: p50=%d ms p99=%d ms max=%d ms%n",
                    percentile(arrival, 50), percentile(arrival, 99), arrival[arrival.length - 1]);
        }
    }

    private void consume(List<long[]> relay, AtomicBoolean consuming, Instant from) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (consuming.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long received = System.currentTimeMillis();
                    Header id = record.headers().lastHeader("ce_id");
                    Long committed = commitTimes.get(new String(id.value(), StandardCharsets.UTF_8));
                    if (committed != null && committed >= from.toEpochMilli()) {
                        relay.add(new long[]{record.timestamp() - committed, received - committed});
                    }
                }
            }
        }
    }

    private static long percentile(long[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private void write() throws IOException {
        Path file = Path.of("target", "benchmark", "command-path-" + run + ".txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report.toString());
        System.out.println(report);
    }
}
