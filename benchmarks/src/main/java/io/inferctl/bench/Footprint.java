package io.inferctl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a local stack costs the machine, as Linux's {@code /proc} tells it: the resident memory and the
 * CPU time of its JVMs (every process {@code bin/local-stack} started) and of its PostgreSQL server's
 * processes (which pg_ctl detached from the script, so they are found by their data directory).
 */
final class Footprint {

    /** Linux reports process times in clock ticks (USER_HZ), 100 a second. */
    private static final double TICKS_PER_SECOND = 100;
    private static final double KB_PER_MB = 1024;
    /** A service's jar, e.g. {@code command-service-0.1.0-SNAPSHOT-exec.jar}: the name before the version. */
    private static final Pattern JAR = Pattern.compile("([a-z][a-z-]*[a-z])-\\d[^/\\s]*\\.jar");
    private static final String POSTGRES = "PostgreSQL";

    /** A kind of process (a service's jar, or PostgreSQL): how many run and their memory. */
    record Part(String name, int processes, long rssKb, long pssKb) {
    }

    /**
     * Resident memory: the sum of each process's VmRSS (PostgreSQL's shared buffers count in every
     * process that touched them), and the sum of PSS, which shares such pages out, so counts them once.
     */
    record Memory(List<Part> parts) {

        long rssKb() {
            return parts.stream().mapToLong(Part::rssKb).sum();
        }

        long pssKb() {
            return parts.stream().mapToLong(Part::pssKb).sum();
        }

        String summary() {
            int jvms = parts.stream().filter(p -> !p.name().equals(POSTGRES)).mapToInt(Part::processes).sum();
            int postgres = parts.stream().filter(p -> p.name().equals(POSTGRES)).mapToInt(Part::processes).sum();
            return String.format(Locale.ROOT, "%s RSS in %d JVMs and %d PostgreSQL processes (PSS %s)",
                    megabytes(rssKb()), jvms, postgres, megabytes(pssKb()));
        }

        /** Each kind's RSS, e.g. {@code command-service x2 1,203 MB}. */
        String byPart() {
            return parts.stream().map(p -> p.name() + (p.processes() > 1 ? " x" + p.processes() : "") + " "
                    + megabytes(p.rssKb())).collect(Collectors.joining(", "));
        }
    }

    private final LocalStack stack;

    Footprint(LocalStack stack) {
        this.stack = stack;
    }

    /** The stack's JVMs running this jar (its name before the version, e.g. {@code rollout-worker}). */
    List<ProcessHandle> jvms(String jar) {
        return stack.processes().stream().filter(p -> jar.equals(jarOf(p))).toList();
    }

    /**
     * CPU seconds (user and system) the stack's processes have used so far. A PostgreSQL backend that
     * ended meanwhile is counted too: its time went to its parent's.
     */
    double cpuSeconds() {
        long ticks = 0;
        for (ProcessHandle process : processes()) {
            ticks += ticks(process);
        }
        return ticks / TICKS_PER_SECOND;
    }

    Memory memory() {
        Map<String, Part> parts = new TreeMap<>();
        for (ProcessHandle process : processes()) {
            String name = jarOf(process);
            Path proc = Path.of("/proc", Long.toString(process.pid()));
            long rss = kilobytes(proc.resolve("status"), "VmRSS:");
            long pss = kilobytes(proc.resolve("smaps_rollup"), "Pss:");
            parts.merge(name == null ? POSTGRES : name, new Part(name == null ? POSTGRES : name, 1, rss, pss),
                    (a, b) -> new Part(a.name(), a.processes() + 1, a.rssKb() + b.rssKb(), a.pssKb() + b.pssKb()));
        }
        return new Memory(List.copyOf(parts.values()));
    }

    static String megabytes(long kilobytes) {
        return String.format(Locale.ROOT, "%,.0f MB", kilobytes / KB_PER_MB);
    }

    /** The stack's JVMs, then PostgreSQL's server process and its children (backends and auxiliaries). */
    private List<ProcessHandle> processes() {
        List<ProcessHandle> processes = new ArrayList<>(stack.processes().stream().filter(p -> jarOf(p) != null).toList());
        String state = stack.state().toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(line -> line.contains("bin/postgres") && line.contains(state)).orElse(false))
                .filter(p -> p.parent().map(parent -> parent.info().commandLine().map(l -> !l.contains("bin/postgres")).orElse(true))
                        .orElse(true))
                .forEach(postmaster -> {
                    processes.add(postmaster);
                    processes.addAll(postmaster.children().toList());
                });
        return processes;
    }

    private static String jarOf(ProcessHandle process) {
        Matcher jar = JAR.matcher(process.info().commandLine().orElse(""));
        return process.info().command().orElse("").endsWith("java") && jar.find() ? jar.group(1) : null;
    }

    /** utime + stime, and cutime + cstime (its ended children's), from /proc/PID/stat; 0 once it ended. */
    private static long ticks(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // After "pid (comm) ", field 3 (state) is index 0, so utime (field 14) is index 11.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException ended) {
            return 0;
        }
    }

    /** A "Name:   1234 kB" line of a /proc file, in kB; 0 when the process ended or the file is not there. */
    private static long kilobytes(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException ended) {
            // ended while being read, or smaps_rollup not offered by this kernel
        }
        return 0;
    }
}
