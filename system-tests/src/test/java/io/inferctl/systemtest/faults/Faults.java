package io.inferctl.systemtest.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * How the suite breaks the stack: finds a process of it by its command line, kills it with -9 and
 * starts it again as it was (see {@link Victim}), installs Kubernetes API faults through the
 * simulator's admin API, and makes PostgreSQL refuse the stack's connections. Only processes of this
 * stack are candidates: the script's descendants, the ones this class restarted, and PostgreSQL's
 * server under the stack's own state directory.
 */
final class Faults implements AutoCloseable {

    private final FaultStack stack;
    private final List<Process> restarted = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    Faults(FaultStack stack) {
        this.stack = stack;
    }

    /** The live process of this stack whose command line contains every piece. */
    Victim find(String name, String... pieces) throws IOException {
        List<ProcessHandle> candidates = new ArrayList<>(stack.scriptProcesses());
        restarted.forEach(p -> candidates.add(p.toHandle()));
        ProcessHandle process = candidates.stream().filter(ProcessHandle::isAlive)
                .filter(p -> Victim.commandLineContains(p, pieces)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no live process of " + name + " with " + List.of(pieces)));
        return Victim.of(name, process);
    }

    /** PostgreSQL's postmaster (started by pg_ctl, so not the script's descendant), found by its data directory. */
    ProcessHandle postmaster() {
        String state = stack.state().toString();
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> Victim.commandLineContains(p, "bin/postgres", state))
                .filter(p -> p.parent().map(parent -> !Victim.commandLineContains(parent, "bin/postgres", state)).orElse(true))
                .findFirst().orElseThrow(() -> new IllegalStateException("no postgres server under " + state));
    }

    /** kill -9 of a process that is not a {@link Victim} (nothing to restart from it). */
    static void kill9(ProcessHandle process) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-9", String.valueOf(process.pid())).inheritIO().start().waitFor();
        await("pid " + process.pid() + " to die").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> !process.isAlive());
    }

    Process restart(Victim victim) throws IOException {
        Process process = victim.restart();
        restarted.add(process);
        return process;
    }

    static void awaitHealthy(int port, Duration atMost) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await("the service on port " + port + " to be healthy").atMost(atMost).pollInterval(Duration.ofMillis(300))
                .ignoreExceptions().until(() -> client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    static void awaitListening(int port, Duration atMost) {
        await("something to listen on port " + port).atMost(atMost).pollInterval(Duration.ofMillis(300))
                .ignoreExceptions().until(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress("localhost", port), 1000);
                        return true;
                    }
                });
    }

    /** Installs a Kubernetes API fault rule (the simulator's admin API); returns its answer. */
    String kubernetesFault(String rule) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.get("SIMULATOR_ADMIN_URL") + "/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(rule)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("fault " + rule + " refused: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    void clearKubernetesFaults() throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(stack.get("SIMULATOR_ADMIN_URL") + "/faults")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /**
     * Makes PostgreSQL refuse every new connection to the stack's databases (all but {@code postgres}
     * and the templates) and ends the sessions open on them, as a superuser on the {@code postgres}
     * database; returns the databases, for {@link #allowConnections}.
     */
    List<String> refuseConnections() throws SQLException {
        try (Connection admin = superuser()) {
            List<String> databases = new ArrayList<>();
            try (Statement select = admin.createStatement(); ResultSet names = select.executeQuery(
                    "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY datname")) {
                while (names.next()) {
                    databases.add(names.getString(1));
                }
            }
            try (Statement alter = admin.createStatement()) {
                for (String database : databases) {
                    alter.execute("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS false");
                }
            }
            try (PreparedStatement terminate = admin.prepareStatement("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = ANY (?) AND pid <> pg_backend_pid()""")) {
                terminate.setArray(1, admin.createArrayOf("text", databases.toArray()));
                terminate.executeQuery().close();
            }
            return databases;
        }
    }

    /** Sessions open on the given databases now (none while they refuse connections). */
    int sessions(List<String> databases) throws SQLException {
        try (Connection admin = superuser(); PreparedStatement count = admin.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ANY (?) AND backend_type = 'client backend'")) {
            count.setArray(1, admin.createArrayOf("text", databases.toArray()));
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    void allowConnections(List<String> databases) throws SQLException {
        try (Connection admin = superuser(); Statement alter = admin.createStatement()) {
            for (String database : databases) {
                alter.execute("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS true");
            }
        }
    }

    private Connection superuser() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + stack.get("POSTGRES_PORT") + "/postgres",
                "postgres", "");
    }

    /** SIGTERM to every process this class restarted (the script knows nothing of them), then force. */
    @Override
    public void close() {
        restarted.forEach(Process::destroy);
        for (Process process : restarted) {
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
