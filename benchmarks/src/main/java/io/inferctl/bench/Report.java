package io.inferctl.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result table: each figure beside the limit it is bounded by, measured in the same run, and the
 * target. Written to standard output and to a Markdown file; whatever the file holds below
 * {@link #KEPT_BELOW} (the notes on what moved each figure) is kept.
 */
final class Report {

    static final String KEPT_BELOW = "<!-- bin/bench keeps everything below this line. -->";

    /** One line of the table. {@code met} is null where there is no target, or in a quick run. */
    record Row(String scenario, String measured, String limit, String target, Boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final boolean quick;
    private final String machine;

    Report(boolean quick, String target) {
        this.quick = quick;
        this.machine = describeMachine(target);
    }

    synchronized void add(String scenario, String measured, String limit, String target, Boolean met) {
        rows.add(new Row(scenario, measured, limit, target, quick ? null : met));
        System.out.printf("%n| %s | %s | %s | %s |%n", scenario, measured, limit, target);
    }

    synchronized void note(String note) {
        notes.add(note);
        System.out.println("note: " + note);
    }

    synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    synchronized String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Benchmarks\n\n");
        out.append("Measured by `bin/bench").append(quick ? " --quick" : "").append("` on ").append(machine).append(".\n");
        if (quick) {
            out.append("\n**A quick run: every scenario ran briefly to prove the harness works. These figures mean nothing.**\n");
        }
        out.append("\n| Scenario | Measured | Bounded by (same run) | Target | Met |\n");
        out.append("|---|---|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.scenario()).append(" | ").append(row.measured()).append(" | ")
                    .append(row.limit()).append(" | ").append(row.target()).append(" | ")
                    .append(row.met() == null ? "" : row.met() ? "yes" : "**no**").append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
        return out.toString();
    }

    /** Writes the table, keeping what the file held below {@link #KEPT_BELOW}. */
    void writeTo(Path file) throws IOException {
        String kept = KEPT_BELOW + "\n";
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            int at = old.indexOf(KEPT_BELOW);
            if (at >= 0) {
                kept = old.substring(at);
            }
        }
        Files.writeString(file, markdown() + "\n" + kept, StandardCharsets.UTF_8);
    }

    static String millis(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static String perSecond(double rate) {
        return String.format(Locale.ROOT, "%,.0f/s", rate);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String describeMachine(String target) {
        Runtime runtime = Runtime.getRuntime();
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "%s: %d cores, %.1f GB memory, %s %s (%s), %s %s, against %s",
                DateTimeFormatter.ISO_LOCAL_DATE.format(Instant.now().atZone(ZoneOffset.UTC)),
                runtime.availableProcessors(), memory / 1e9,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("os.name"), System.getProperty("os.arch"), target);
    }
}
