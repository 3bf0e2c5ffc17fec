package io.inferctl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals that happen before any API answers: each one line on standard error and its exit code. */
class InferctlTest {

    @TempDir
    Path home;

    private record Outcome(int code, String out, String err) {
    }

    private Outcome run(Map<String, String> env, String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Inferctl.run(args, env, home);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private Map<String, String> env(String commandUrl) {
        return Map.of("HOME", home.toString(), "INFERCTL_STACK_ENV", home.resolve("none").toString(),
                "INFERCTL_COMMAND_URL", commandUrl, "INFERCTL_QUERY_URL", commandUrl, "INFERCTL_TOKEN", "t");
    }

    @Test
    void anUnknownOptionIsAUsageErrorOnOneLine() {
        Outcome outcome = run(env("http://localhost:1"), "versions", "x", "--colour");

        assertThat(outcome.code()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.err().lines()).hasSize(1);
        assertThat(outcome.err()).startsWith("error: Unknown option: '--colour'").contains("inferctl versions -h");
    }

    @Test
    void anOutputFormatThatDoesNotExistIsAUsageError() {
        Outcome outcome = run(env("http://localhost:1"), "context", "list", "-o", "xml");

        assertThat(outcome.code()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.err()).isEqualTo("error: -o xml is not one of table, json, yaml\n");
    }

    @Test
    void aServiceThatDoesNotListenIsReportedAsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Outcome outcome = run(env("http://localhost:" + port), "versions", "llama-chat");

        assertThat(outcome.code()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(outcome.err().lines()).hasSize(1);
        assertThat(outcome.err()).startsWith("error: cannot reach http://localhost:" + port + " (connection refused)");
    }

    @Test
    void versionPrintsTheToolsVersionWithoutNeedingAnyService() {
        Outcome outcome = run(Map.of("HOME", home.toString()), "version");

        assertThat(outcome.code()).isZero();
        assertThat(outcome.out()).startsWith("inferctl ");
    }
}
