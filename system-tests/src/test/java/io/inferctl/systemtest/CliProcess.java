package io.inferctl.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The CLI's shaded jar run as its own process, as a user or a CI job runs it, with an environment of the test's choosing. */
final class CliProcess {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private final Path jar;
    private final Map<String, String> env;
    private final Path workingDirectory;

    private CliProcess(Path jar, Map<String, String> env, Path workingDirectory) {
        this.jar = jar;
        this.env = env;
        this.workingDirectory = workingDirectory;
    }

    /** The jar the reactor packaged; the environment holds nothing of the test JVM's own INFERCTL_* or HOME. */
    static CliProcess of(Path root, Path home, Map<String, String> env) throws IOException {
        try (var files = Files.list(root.resolve("cli/target"))) {
            Path jar = files.filter(f -> f.getFileName().toString().matches("cli-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("cli/target has no shaded jar: build the cli module first"));
            Map<String, String> all = new HashMap<>(env);
            all.put("HOME", home.toString());
            all.put("NO_COLOR", "1");
            return new CliProcess(jar, all, home);
        }
    }

    CliProcess with(String key, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(key, value);
        return new CliProcess(jar, more, workingDirectory);
    }

    String home() {
        return env.get("HOME");
    }

    Result run(String... args) throws IOException, InterruptedException {
        return runWithInput(null, args);
    }

    Result runWithInput(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("INFERCTL_") || k.equals("XDG_CONFIG_HOME"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("inferctl-out", ".txt");
        Path err = Files.createTempFile("inferctl-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var input = process.getOutputStream()) {
            if (stdin != null) {
                input.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("inferctl " + String.join(" ", args) + " did not exit within " + TIMEOUT);
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }
}
