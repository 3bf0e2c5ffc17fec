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
import java.util.List;
import java.util.Map;
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

    private final Process process;
    private final Stack stack;

    private LocalStack(Process process, Stack stack) {
        this.process = process;
        this.stack = stack;
    }

    static LocalStack start(Path root, Path state, List<String> extraArgs) throws IOException {
        return start(root, state, extraArgs, Map.of());
    }

    /** @param environment set for the stack's processes, e.g. a service's setting in Spring's environment-variable form */
    static LocalStack start(Path root, Path state, List<String> extraArgs, Map<String, String> environment)
            throws IOException {
        List<Integer> ports = freePorts(8);
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/local-stack").toString(), "--fresh",
                "--state-dir", state.toString(),
                "--command-port", ports.get(0).toString(), "--query-port", ports.get(1).toString(),
                "--worker-port", ports.get(2).toString(), "--postgres-port", ports.get(3).toString(),
                "--kafka-port", ports.get(4).toString(), "--kube-port", ports.get(5).toString(),
                "--console-port", ports.get(6).toString()));
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
            await("bin/local-stack to be ready (its output: " + output + ")").atMost(Duration.ofMinutes(5))
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
        return new LocalStack(process, Stack.fromEnvFile(state.resolve("stack.env")));
    }

    Stack stack() {
        return stack;
    }

    /** SIGTERM, as Ctrl-C would; the stack stops its processes in order. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Integer> freePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            while (ports.size() < count) {
                ServerSocket socket = new ServerSocket();
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                held.add(socket);
                int port = socket.getLocalPort();
                // The simulator's admin API takes the port after the Kubernetes API's.
                if (ports.size() == 5 && !free(port + 1) || ports.size() > 5 && port == ports.get(5) + 1) {
                    continue;
                }
                ports.add(port);
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // only probing
                }
            }
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
