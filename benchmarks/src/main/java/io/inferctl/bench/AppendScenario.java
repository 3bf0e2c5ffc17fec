package io.inferctl.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenarios 1 and 2. The limit of a version-creating command is one durable append: a single-row
 * INSERT transaction into a table shaped like the event store (1 KB JSON payload, unique
 * (aggregate, sequence) and event id), on the same PostgreSQL. Commands are endpoint creations
 * through the HTTP API, each a new endpoint, so clients never contend for one aggregate.
 */
final class AppendScenario {

    /** How much of a refused creation's answer the report shows. */
    private static final int FAILURE_TEXT = 160;
    /** The event store's shape (Axon's domain_event_entry), in a scratch database. */
    private static final String TABLE = """
            CREATE TABLE IF NOT EXISTS bench_event (
                global_index BIGSERIAL PRIMARY KEY,
                event_identifier VARCHAR(255) NOT NULL UNIQUE,
                aggregate_identifier VARCHAR(255) NOT NULL,
                sequence_number BIGINT NOT NULL,
                type VARCHAR(255),
                time_stamp VARCHAR(255) NOT NULL,
                payload_type VARCHAR(255) NOT NULL,
                payload_revision VARCHAR(255),
                payload BYTEA NOT NULL,
                meta_data BYTEA,
                UNIQUE (aggregate_identifier, sequence_number))""";
    private static final String INSERT = "INSERT INTO bench_event (event_identifier, aggregate_identifier, sequence_number,"
            + " type, time_stamp, payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Endpoint', ?, ?, '1', ?, ?)";
    private static final byte[] PAYLOAD = payload();
    private static final byte[] META_DATA = "{\"traceId\":\"bench\"}".getBytes(StandardCharsets.UTF_8);

    private final Stack stack;
    private final Api api;
    private final Scale scale;
    private final Report report;

    AppendScenario(Scenario scenario) {
        this.stack = scenario.stack();
        this.api = scenario.api();
        this.scale = scenario.scale();
        this.report = scenario.report();
    }

    /** Runs scenario 1 and then scenario 2 at half the best command rate. */
    void run() throws SQLException {
        prepareTable();
        double bestCommands = 0;
        Latency singleInsert = null;
        for (int clients : Scale.CLIENTS) {
            Load.Throughput raw = rawInserts(clients);
            Load.Throughput commands = creations(List.of(api), clients, scale, new LongAdder());
            if (clients == 1) {
                singleInsert = raw.latency();
            }
            bestCommands = Math.max(bestCommands, commands.perSecond());
            double ratio = raw.perSecond() == 0 ? 0 : commands.perSecond() / raw.perSecond();
            report.add("1. Append vs. commands, " + clients + (clients == 1 ? " client" : " clients"),
                    Report.perSecond(commands.perSecond()) + " version-creating commands (ratio "
                            + String.format(Locale.ROOT, "%.2f", ratio) + ")" + failures(commands),
                    Report.perSecond(raw.perSecond()) + " single-row INSERT transactions" + failures(raw),
                    "ratio >= 0.5", ratio >= 0.5);
        }

        double rate = Math.max(1, bestCommands / 2);
        Load.Throughput fixed = Load.fixedRate(rate, scale.fixedRate(), () -> api.createEndpoint("NVIDIA_H100").status() == 201);
        report.add("2. Command latency at " + Report.perSecond(rate) + " (half the best)",
                fixed.latency().summary() + failures(fixed),
                "one INSERT transaction, 1 client: " + singleInsert.summary(),
                "p99 <= 10 ms", fixed.latency().percentileMillis(99) <= 10);
    }

    /**
     * Endpoint creations over HTTP, each a new endpoint, from {@code clients} threads as fast as they go,
     * the threads spread evenly over the given APIs (one per command-service instance).
     *
     * @param created counts every creation answered 201, the warm-up's too (for figures per command)
     */
    static Load.Throughput creations(List<Api> apis, int clients, Scale scale, LongAdder created) {
        AtomicInteger threads = new AtomicInteger();
        ThreadLocal<Api> own = ThreadLocal.withInitial(() -> apis.get(threads.getAndIncrement() % apis.size()));
        return Load.closedLoop(clients, scale.warmUp(), scale.window(), () -> {
            Api.Answer answer = own.get().createEndpoint("NVIDIA_H100");
            if (answer.status() != 201) {
                // Named in the report as the first failure: a 429 RELAY_BEHIND is backpressure, not a fault.
                throw new IllegalStateException("answered " + answer.status() + " "
                        + answer.body().substring(0, Math.min(answer.body().length(), FAILURE_TEXT)));
            }
            created.increment();
            return true;
        });
    }

    private Load.Throughput rawInserts(int clients) throws SQLException {
        Queue<Connection> opened = new ConcurrentLinkedQueue<>();
        ThreadLocal<PreparedStatement> statements = ThreadLocal.withInitial(() -> {
            Connection connection = connect();
            opened.add(connection);
            return prepare(connection);
        });
        // Many aggregates, each a short history: as many endpoints each with a few versions.
        ThreadLocal<String> aggregate = ThreadLocal.withInitial(() -> UUID.randomUUID().toString());
        ThreadLocal<long[]> sequence = ThreadLocal.withInitial(() -> new long[1]);
        try {
            return Load.closedLoop(clients, scale.warmUp(), scale.window(), () -> {
                long[] next = sequence.get();
                if (next[0] == 20) {
                    aggregate.set(UUID.randomUUID().toString());
                    next[0] = 0;
                }
                try {
                    PreparedStatement insert = statements.get();
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, aggregate.get());
                    insert.setLong(3, next[0]++);
                    insert.setString(4, Instant.now().toString());
                    insert.setString(5, "io.inferctl.events.EndpointVersionCreated");
                    insert.setBytes(6, PAYLOAD);
                    insert.setBytes(7, META_DATA);
                    return insert.executeUpdate() == 1;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            for (Connection connection : opened) {
                connection.close();
            }
        }
    }

    private void prepareTable() throws SQLException {
        createDatabaseIfMissing();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(TABLE);
            statement.execute("TRUNCATE bench_event");
        }
    }

    /** The scratch database of the local stack is made on first use; a given one must exist. */
    private void createDatabaseIfMissing() throws SQLException {
        String url = stack.benchJdbcUrl();
        int slash = url.lastIndexOf('/');
        String database = url.substring(slash + 1).replaceAll("\\?.*", "");
        try (Connection ignored = DriverManager.getConnection(url, stack.jdbcUser(), stack.jdbcPassword())) {
            return;
        } catch (SQLException missing) {
            try (Connection admin = DriverManager.getConnection(url.substring(0, slash + 1) + "postgres",
                    stack.jdbcUser(), stack.jdbcPassword()); Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
            }
        }
    }

    private Connection connect() {
        try {
            Connection connection = DriverManager.getConnection(stack.benchJdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection) {
        try {
            return connection.prepareStatement(INSERT);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String failures(Load.Throughput throughput) {
        return throughput.failed() == 0 ? "" : "; " + throughput.failed() + " failed, first: " + throughput.firstFailure();
    }

    /** A JSON document the size of a version-creating event. */
    private static byte[] payload() {
        StringBuilder json = new StringBuilder("{\"endpointId\":\"").append(UUID.randomUUID())
                .append("\",\"name\":\"bench\",\"version\":0,\"origin\":\"CREATE\",\"config\":{\"model\":{\"name\":"
                        + "\"Llama-3.1-8B-Instruct\",\"source\":\"hf://meta-llama/Llama-3.1-8B-Instruct\"},\"accelerator\":"
                        + "{\"type\":\"NVIDIA_H100\",\"count\":1}},\"changes\":[");
        while (json.length() < 1000) {
            json.append("{\"field\":\"engine.maxBatchSize\",\"from\":null,\"to\":64},");
        }
        json.setLength(json.length() - 1);
        json.append("],\"createdBy\":\"deployer@local\",\"comment\":\"bin/bench\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
