package io.inferctl.systemtest;

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
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * {@code bin/local-stack} as a child process, started the way the README does (with a state
 * directory of its own and free ports, so it never meets a developer's stack), and stopped with
 * SIGTERM as Ctrl-C would.
 */
final class LocalStack implements AutoCloseable {

    static final String READY_LINE = "Press Ctrl-C to stop.";

    private final Path state;
    private final Path output;
    private final Process process;
    private final Duration startUp;
    private final Map<String, String> env;
    private final Thread shutdownHook;

    private LocalStack(Path state, Path output, Process process, Duration startUp,
                       Map<String, String> env, Thread shutdownHook) {
        this.state = state;
        this.output = output;
        this.process = process;
        this.startUp = startUp;
        this.env = env;
        this.shutdownHook = shutdownHook;
    }

    /** Starts the stack and returns once it printed {@value #READY_LINE}; fails with its output and logs if it exits first. */
    static LocalStack start(Path root, Duration timeout) throws IOException {
        return start(root, timeout, List.of());
    }

    /** As {@link #start(Path, Duration)}, with more of the script's flags (e.g. {@code --simulator-args}). */
    static LocalStack start(Path root, Duration timeout, List<String> moreArgs) throws IOException {
        Path state = Files.createTempDirectory("inferctl-system-test-");
        Path output = state.resolveSibling(state.getFileName() + ".out");
        Set<Integer> taken = new HashSet<>();
        int command = freePort(taken, 1);
        int query = freePort(taken, 1);
        int worker = freePort(taken, 1);
        int kube = freePort(taken, 2); // the simulator's admin API takes the next port
        int postgres = freePort(taken, 1);
        int kafka = freePort(taken, 1);
        int console = freePort(taken, 1);
        List<String> commandLine = new ArrayList<>(List.of(root.resolve("bin/local-stack").toString(), "--fresh",
                "--state-dir", state.toString(),
                "--command-port", String.valueOf(command), "--query-port", String.valueOf(query),
                "--worker-port", String.valueOf(worker), "--kube-port", String.valueOf(kube),
                "--postgres-port", String.valueOf(postgres), "--kafka-port", String.valueOf(kafka),
                "--console-port", String.valueOf(console)));
        commandLine.addAll(moreArgs);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(commandLine)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        // Should the test JVM be stopped before the test's own cleanup, the stack goes with it.
        Thread hook = new Thread(() -> stopQuietly(process), "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            await("bin/local-stack to print '" + READY_LINE + "'")
                    .atMost(timeout).pollInterval(Duration.ofMillis(200))
                    .until(() -> !process.isAlive() || read(output).contains(READY_LINE));
        } catch (RuntimeException e) {
            String report = report(state, output);
            stopQuietly(process);
            Runtime.getRuntime().removeShutdownHook(hook);
            throw new AssertionError("bin/local-stack did not become ready in " + timeout + "\n" + report, e);
        }
        if (!process.isAlive()) {
            Runtime.getRuntime().removeShutdownHook(hook);
            throw new AssertionError("bin/local-stack exited with " + process.exitValue() + " before it was ready\n"
                    + report(state, output));
        }
        Duration startUp = Duration.ofNanos(System.nanoTime() - started);
        return new LocalStack(state, output, process, startUp, readEnv(state.resolve("stack.env")), hook);
    }

    Duration startUp() {
        return startUp;
    }

    String get(String key) {
        String value = env.get(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not in stack.env: " + env.keySet());
        }
        return value;
    }

    Path state() {
        return state;
    }

    /** Removes the state directory and the script's output (after a clean run; a failed one keeps them to read). */
    void deleteState() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("the stack still runs");
        }
        try (Stream<Path> files = Files.walk(state)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(output);
    }

    /** What the script printed and the end of every service's log, for a failure message. */
    String report() {
        return report(state, output);
    }

    /**
     * SIGTERM, as Ctrl-C would; the script stops every service, then the servers. Returns the exit
     * code, or throws when the script or one of its Java processes is still alive after {@code timeout}.
     */
    int stop(Duration timeout) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<ProcessHandle> leftOver = new ArrayList<>();
        if (exited) {
            for (ProcessHandle child : children) {
                if (!awaitExit(child, Duration.ofSeconds(10))) {
                    leftOver.add(child);
                }
            }
        }
        if (!exited || !leftOver.isEmpty()) {
            String report = report();
            stopQuietly(process);
            leftOver.forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            throw new AssertionError((exited ? "bin/local-stack exited but left " + describe(leftOver) + " running"
                    : "bin/local-stack did not exit within " + timeout + " of SIGTERM") + "\n" + report);
        }
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        return process.exitValue();
    }

    /** The running Java process of one of the stack's jars, e.g. {@code "console-"}, found by its command line. */
    ProcessHandle javaProcess(String jarPrefix) {
        return process.descendants()
                .filter(p -> p.info().commandLine().orElse("").matches(".*/" + jarPrefix + "[^/ ]*\\.jar.*"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no process of " + jarPrefix + "*.jar among "
                        + describe(process.descendants().toList())));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Cleanup after a failure: SIGTERM, a bounded wait, then force for whatever is left. */
    @Override
    public void close() {
        if (process.isAlive() || process.descendants().anyMatch(ProcessHandle::isAlive)) {
            stopQuietly(process);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
    }

    private static void stopQuietly(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                awaitExit(child, Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList().toString();
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

    private static String read(Path file) {
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
                    text.append("\n--- ").append(log).append(" (last 60 lines) ---\n");
                    lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(l -> text.append(l).append('\n'));
                }
            } catch (IOException e) {
                text.append("\n(logs unreadable: ").append(e).append(")\n");
            }
        }
        return text.toString();
    }

    /**
     * A port (and the {@code count - 1} after it) that nothing listens on, outside the stack's
     * defaults and the kernel's ephemeral range, so an outgoing connection does not take it meanwhile.
     */
    private static int freePort(Set<Integer> taken, int count) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            boolean free = true;
            for (int p = port; p < port + count && free; p++) {
                free = !taken.contains(p) && canBind(p);
            }
            if (free) {
                for (int p = port; p < port + count; p++) {
                    taken.add(p);
                }
                return port;
            }
        }
        throw new IllegalStateException("no free port found");
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
