package io.inferctl.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void aFullRunWritesBenchmarksMdAndAQuickRunWritesNothingUnlessAsked() {
        Bench.Options full = Bench.Options.parse("--root", "/repo");
        assertThat(full.out()).isEqualTo(Path.of("/repo/BENCHMARKS.md"));
        assertThat(full.stateDir()).isEqualTo(Path.of("/repo/.local/bench"));
        assertThat(Bench.Options.parse("--root", "/repo", "--quick").out()).isNull();
        assertThat(Bench.Options.parse("--quick", "--out", "/tmp/q.md").out()).isEqualTo(Path.of("/tmp/q.md"));
    }

    @Test
    void anUnknownOptionOrAMissingValueIsRefusedByName() {
        assertThatThrownBy(() -> Bench.Options.parse("--fast")).hasMessage("unknown option: --fast");
        assertThatThrownBy(() -> Bench.Options.parse("--out")).hasMessage("--out needs a value");
        assertThatThrownBy(() -> Bench.Options.parse("--audit-entries", "0"))
                .hasMessage("--audit-entries must be a whole number above 0, not 0");
        assertThatThrownBy(() -> Bench.Options.parse("--history-versions", "many"))
                .hasMessage("--history-versions must be a whole number above 0, not many");
        assertThat(Bench.Options.parse("--history-versions", "20_000").historyVersions()).isEqualTo(20_000);
        assertThatThrownBy(() -> Bench.Options.parse("--scenarios", "4,12"))
                .hasMessage("--scenarios takes numbers from 1 to 11, not 12");
        Bench.Options some = Bench.Options.parse("--scenarios", "4, 5");
        assertThat(some.runs(4)).isTrue();
        assertThat(some.runs(1, 2, 3, 6, 7, 8, 9, 10, 11)).isFalse();
    }

    @Test
    void oneAgainstTwoInstancesRunsOnlyWhenNamed() {
        Bench.Options defaults = Bench.Options.parse("--quick");
        assertThat(defaults.runs(1)).isTrue();
        assertThat(defaults.runs(10)).isTrue();
        assertThat(defaults.runs(11)).isFalse();
        assertThat(Bench.Options.parse("--scenarios", "11").runs(11)).isTrue();
    }

    @Test
    void stackSettingsNameWhatIsMissing() {
        assertThatThrownBy(() -> Stack.fromEnv(java.util.Map.of("COMMAND_URL", "http://x")))
                .hasMessage("the stack settings have no QUERY_URL");
    }

    @Test
    void theTableIsRewrittenAndTheNotesBelowItKept(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path file = dir.resolve("BENCHMARKS.md");
        Files.writeString(file, "# old table\n" + Report.KEPT_BELOW + "\n## Before and after\nkept\n");
        Report report = new Report(false, "test");
        report.add("1. Something", "10/s", "20/s", ">= 0.5", true);
        report.writeTo(file);
        String written = Files.readString(file);
        assertThat(written).doesNotContain("# old table").contains("| 1. Something | 10/s | 20/s | >= 0.5 | yes |")
                .endsWith(Report.KEPT_BELOW + "\n## Before and after\nkept\n");
    }
}
