package io.inferctl.systemtest.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * {@code bin/local-stack --instances 2 --kafka-proxied-listeners --fresh} on free ports in a state
 * directory of its own: two of every service, three Kafka brokers (each with a second listener for
 * the suite's {@link TcpProxy}), one PostgreSQL and the simulated cluster. The shared
 * {@code LocalStack} helper picks single free ports; this layout needs each port's + 10 (second
 * instances) and Kafka's + 1, + 2, + 100 .. + 102 (controllers), + 200 .. + 202 (proxied listeners)
 * and + 300 .. + 302 (the proxy) free as well, so it has its own launcher.
 */
final class FaultStack implements AutoCloseable {

    private static final String READY_LINE = "Press Ctrl-C to stop.";
    private static final int KAFKA_NODES = 3;
    // bin/local-stack --kafka-proxied-listeners: broker n listens on --kafka-port + 200 + n-1 and
    // advertises --kafka-port + 300 + n-1 there, where the proxy listens.
    private static final int PROXIED_LISTENER = 200;
    private static final int PROXY = 300;

    private final Path state;
    private final Path output;
    private final Process script;
    private final Map<String, String> env;
    private final Map<String, Integer> ports;
    private final Duration startUp;

    private FaultStack(Path state, Path output, Process script, Map<String, String> env,
                       Map<String, Integer> ports, Duration startUp) {
        this.state = state;
        this.output = output;
        this.script = script;
        this.env = env;
        this.ports = ports;
        this.startUp = startUp;
    }

    /**
     * @param extraEnv environment for every process the script starts (e.g. a shorter drain delay
     *                 through Spring's relaxed binding)
     */
    static FaultStack start(Path root, Duration timeout, List<String> moreArgs, Map<String, String> extraEnv)
            throws IOException {
        Path state = Files.createTempDirectory("inferctl-faults-");
        Path output = state.resolveSibling(state.getFileName() + ".out");
        Set<Integer> taken = new HashSet<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("command", freePort(taken, 0, 10));
        ports.put("query", freePort(taken, 0, 10));
        ports.put("worker", freePort(taken, 0, 10));
        ports.put("console", freePort(taken, 0, 10));
        ports.put("kube", freePort(taken, 0, 1)); // the simulator's admin API takes the next port
        ports.put("postgres", freePort(taken, 0));
        ports.put("kafka", freePort(taken, 0, 1, 2, 100, 101, 102, PROXIED_LISTENER, PROXIED_LISTENER + 1,
                PROXIED_LISTENER + 2, PROXY, PROXY + 1, PROXY + 2));
        List<String> commandLine = new ArrayList<>(List.of(root.resolve("bin/local-stack").toString(), "--fresh",
                "--instances", "2", "--kafka-proxied-listeners", "--state-dir", state.toString()));
        ports.forEach((name, port) -> commandLine.addAll(List.of("--" + name + "-port", String.valueOf(port))));
        commandLine.addAll(moreArgs);
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(commandLine).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(extraEnv);
        Process script = builder.start();
        try {
            await("bin/local-stack --instances 2 to print '" + READY_LINE + "'")
                    .atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .until(() -> !script.isAlive() || read(output).contains(READY_LINE));
        } catch (RuntimeException e) {
            String report = report(state, output);
            stop(script);
            throw new AssertionError("the stack did not become ready in " + timeout + "\n" + report, e);
        }
        if (!script.isAlive()) {
            throw new AssertionError("bin/local-stack exited with " + script.exitValue() + "\n" + report(state, output));
        }
        Duration startUp = Duration.ofNanos(System.nanoTime() - started);
        return new FaultStack(state, output, script, readEnv(state.resolve("stack.env")), ports, startUp);
    }

    String get(String key) {
        String value = env.get(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not in stack.env: " + env.keySet());
        }
        return value;
    }

    int port(String name) {
        return ports.get(name);
    }

    /** For a {@link TcpProxy} in front of every broker: the proxy's port (what the brokers advertise) to the broker's. */
    Map<Integer, Integer> kafkaProxyRoutes() {
        Map<Integer, Integer> routes = new LinkedHashMap<>();
        for (int node = 0; node < KAFKA_NODES; node++) {
            routes.put(port("kafka") + PROXY + node, port("kafka") + PROXIED_LISTENER + node);
        }
        return routes;
    }

    Path state() {
        return state;
    }

    Duration startUp() {
        return startUp;
    }

    /** The script and every process it started (its children; not processes a test restarted itself). */
    List<ProcessHandle> scriptProcesses() {
        List<ProcessHandle> all = new ArrayList<>(script.descendants().toList());
        all.add(script.toHandle());
        return all;
    }

    String report() {
        return report(state, output);
    }

    /** SIGTERM, as Ctrl-C would; the script stops what it started. */
    @Override
    public void close() {
        stop(script);
    }

    private static void stop(Process script) {
        List<ProcessHandle> children = script.descendants().toList();
        script.destroy();
        try {
            if (!script.waitFor(90, TimeUnit.SECONDS)) {
                script.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                child.destroyForcibly();
            }
        }
    }

    private static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return values;
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String report(Path state, Path output) {
        StringBuilder text = new StringBuilder("--- bin/local-stack output ---\n").append(read(output));
        Path logs = state.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path log : files.sorted().toList()) {
                    List<String> lines = read(log).lines().toList();
                    text.append("\n--- ").append(log).append(" (last 40 lines) ---\n");
                    lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> text.append(l).append('\n'));
                }
            } catch (IOException e) {
                text.append("\n(logs unreadable: ").append(e).append(")\n");
            }
        }
        return text.toString();
    }

    /** A port such that it and each port at the given offsets from it are free and not yet handed out. */
    private static int freePort(Set<Integer> taken, int... offsets) {
        for (int attempt = 0; attempt < 2000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 29_800);
            boolean free = true;
            for (int offset : offsets) {
                free = free && !taken.contains(port + offset) && canBind(port + offset);
            }
            if (free) {
                for (int offset : offsets) {
                    taken.add(port + offset);
                }
                return port;
            }
        }
        throw new IllegalStateException("no free ports found");
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
