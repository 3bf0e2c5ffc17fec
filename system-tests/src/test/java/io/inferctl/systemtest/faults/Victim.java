package io.inferctl.systemtest.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A process of the stack to kill and bring back as it was: what {@code /proc} says about it (its
 * argv, environment, working directory and where its stdout goes) is read before the kill, so the
 * restart is the same command with the same environment, appending to the same log.
 */
record Victim(String name, long pid, List<String> argv, Map<String, String> environment, Path cwd, Path log) {

    /** Reads a live process; its stdout must be a file (the stack's log of it). */
    static Victim of(String name, ProcessHandle process) throws IOException {
        Path proc = Path.of("/proc", String.valueOf(process.pid()));
        List<String> argv = split(Files.readAllBytes(proc.resolve("cmdline")));
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : split(Files.readAllBytes(proc.resolve("environ")))) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                environment.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
        Path log = Files.readSymbolicLink(proc.resolve("fd/1"));
        return new Victim(name, process.pid(), argv, environment, cwd, log);
    }

    /** The same process with one environment variable set otherwise, for a restart with it (e.g. another Kafka bootstrap). */
    Victim withEnvironment(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(environment);
        changed.put(key, value);
        return new Victim(name, pid, argv, changed, cwd, log);
    }

    /** kill -9, then waits until the process is gone. */
    void kill() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-9", String.valueOf(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -9 " + pid + " (" + name + ") failed");
        }
        await(name + " (pid " + pid + ") to die").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    /** The same command, environment and directory, appending to the same log; the caller stops it at the end. */
    Process restart() throws IOException {
        Files.writeString(log, "\n--- restarted by the fault suite after kill -9 ---\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(cwd.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Whether argv, joined with spaces, contains every one of the given pieces. */
    static boolean commandLineContains(ProcessHandle process, String... pieces) {
        List<String> argv;
        try {
            argv = split(Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline")));
        } catch (IOException e) {
            return false; // gone meanwhile
        }
        String joined = String.join(" ", argv);
        return Arrays.stream(pieces).allMatch(joined::contains);
    }

    private static List<String> split(byte[] nulSeparated) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < nulSeparated.length; i++) {
            if (nulSeparated[i] == 0) {
                parts.add(new String(nulSeparated, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < nulSeparated.length) {
            parts.add(new String(nulSeparated, start, nulSeparated.length - start, StandardCharsets.UTF_8));
        }
        return parts;
    }
}
