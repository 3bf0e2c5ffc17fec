package io.inferctl.bench;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * {@code bin/local-stack --fresh} in a state directory of its own, on free ports, so a run never
 * meets a developer's stack. The services run with the JVM's normal JIT and collector, not the
 * quick-start flags the local stack uses by default.
 */
final class LocalStack implements AutoCloseable {

    private static final String READY_LINE = "Press Ctrl-C to stop.";
    /** Full JIT (the local stack's default stops at C1 to start fast), G1, a fixed heap. */
    static final String JAVA_OPTS = "-XX:+UseG1GC -Xms512m -Xmx1g";
    /** Generous: two instances of everything (13 JVMs) took over 10 minutes to start at load average 40-50. */
    private static final Duration READY_WITHIN = Duration.ofMinutes(25);
    /** For the script to stop its processes one by one before they are killed. */
    private static final Duration STOP_WITHIN = Duration.ofMinutes(2);

    /**
     * The script's port options, each with the offsets from it that must be free too: a second instance
     * of each service listens on its port + 10, the simulator's admin API on the next port, and a
     * three-broker Kafka on the port .. + 2 with its controllers on + 100 .. + 102.
     */
    private record PortOption(String option, List<Integer> offsets) {
    }

    private static final List<Integer> SECOND_INSTANCE = List.of(0, 10);
    private static final List<PortOption> PORT_OPTIONS = List.of(
            new PortOption("--command-port", SECOND_INSTANCE), new PortOption("--query-port", SECOND_INSTANCE),
            new PortOption("--worker-port", SECOND_INSTANCE), new PortOption("--postgres-port", List.of(0)),
            new PortOption("--kafka-port", List.of(0, 1, 2, 100, 101, 102)), new PortOption("--kube-port", List.of(0, 1)),
            new PortOption("--console-port", SECOND_INSTANCE));

    private final Process process;
    private final Path state;
    private final Stack stack;

    private LocalStack(Process process, Path state, Stack stack) {
        this.process = process;
        this.state = state;
        this.stack = stack;
    }

    static LocalStack start(Path root, Path state, List<String> extraArgs) throws IOException {
        return start(root, state, extraArgs, Map.of());
    }

    /** @param environment set for the stack's processes, e.g. a service's setting in Spring's environment-variable form */
    static LocalStack start(Path root, Path state, List<String> extraArgs, Map<String, String> environment)
            throws IOException {
        List<Integer> ports = freePorts();
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/local-stack").toString(), "--fresh",
                "--state-dir", state.toString()));
        for (int i = 0; i < PORT_OPTIONS.size(); i++) {
            command.addAll(List.of(PORT_OPTIONS.get(i).option(), ports.get(i).toString()));
        }
        command.addAll(extraArgs);
        Files.createDirectories(state);
        Path output = state.resolveSibling(state.getFileName() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).directory(root.toFile());
        builder.environment().put("JAVA_OPTS", JAVA_OPTS);
        builder.environment().putAll(environment);
        System.out.println("Starting " + String.join(" ", command));
        Process process = builder.start();
        try {
            await("bin/local-stack to be ready (its output: " + output + ")").atMost(READY_WITHIN)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("bin/local-stack exited with " + process.exitValue()
                                    + ":\n" + Files.readString(output, StandardCharsets.UTF_8));
                        }
                        return Files.readString(output, StandardCharsets.UTF_8).contains(READY_LINE);
                    });
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
        return new LocalStack(process, state, Stack.fromEnvFile(state.resolve("stack.env")));
    }

    Stack stack() {
        return stack;
    }

    /** Where the stack keeps its state (PostgreSQL's data directory is under it). */
    Path state() {
        return state;
    }

    /** The processes {@code bin/local-stack} started and still runs (not PostgreSQL's: pg_ctl detaches them). */
    List<ProcessHandle> processes() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** SIGTERM, as Ctrl-C would; the stack stops its processes in order. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A port for each of {@link #PORT_OPTIONS}, free at each of its offsets and apart from the others'. */
    private static List<Integer> freePorts() {
        Set<Integer> handedOut = new HashSet<>();
        List<Integer> ports = new ArrayList<>();
        for (PortOption option : PORT_OPTIONS) {
            int port;
            do {
                port = anyFreePort();
            } while (!allFree(port, option.offsets(), handedOut));
            for (int offset : option.offsets()) {
                handedOut.add(port + offset);
            }
            ports.add(port);
        }
        return ports;
    }

    private static boolean allFree(int port, List<Integer> offsets, Set<Integer> handedOut) {
        return offsets.stream().allMatch(offset -> !handedOut.contains(port + offset) && free(port + offset));
    }

    /** A port the system has free now (it may hand it out again once closed; {@link #allFree} checks again). */
    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
