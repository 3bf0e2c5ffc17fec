package io.inferctl.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/bench --quick} as a user runs it, from the built jars: every scenario runs briefly on
 * the harness's own local stacks and the table has a row for each. Nothing is timed here.
 */
class BenchQuickIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theQuickRunMeasuresEveryScenarioAndWritesTheTable() throws IOException, InterruptedException {
        Path target = Path.of("target").toAbsolutePath();
        Path out = target.resolve("BENCHMARKS-quick.md");
        Path log = target.resolve("bench-quick.log");
        Files.deleteIfExists(out);
        Process bench = new ProcessBuilder(ROOT.resolve("bin/bench").toString(), "--quick",
                "--out", out.toString(), "--state-dir", target.resolve("bench-state").toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = bench.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            bench.descendants().forEach(ProcessHandle::destroyForcibly);
            bench.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("bin/bench --quick finished; its output:%n%s", output).isTrue();
        assertThat(bench.exitValue()).as("exit code; output:%n%s", output).isZero();

        String table = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(table).contains("These figures mean nothing").doesNotContain("FAILED")
                .contains(Report.KEPT_BELOW);
        for (String scenario : List.of("| 1. Append vs. commands, 1 client |", "| 1. Append vs. commands, 16 clients |",
                "| 2. Command latency", "| 3. Projection lag", "| 4. History page", "| 4. Filtered audit page",
                "| 5. Rebuild", "| 6. Rollout overhead", "| 7. Webhook deliveries", "| 8. Projection lag")) {
            assertThat(table).as("a row starting %s", scenario).contains(scenario);
        }
        assertThat(Files.exists(target.resolve("bench-state/commands/logs"))).isTrue();
        assertThat(Files.exists(target.resolve("bench-state/neighbour/logs"))).as("the busy neighbour's own stack").isTrue();
        assertThat(ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(target.resolve("bench-state").toString())))
                .as("no process of the bench's stacks is left").isEmpty();
    }
}
