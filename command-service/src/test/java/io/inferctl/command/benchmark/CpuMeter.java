package io.inferctl.command.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent by the service's threads (by role) and by the PostgreSQL server's processes. On a
 * shared machine, throughput figures move with the neighbours' load; CPU time per command does much less.
 */
final class CpuMeter {

    /** Linux reports process times in clock ticks of 10 ms. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long postmaster;

    CpuMeter(long postmaster) {
        this.postmaster = postmaster;
    }

    Map<String, Long> snapshot() {
        Map<String, Long> nanos = new LinkedHashMap<>();
        nanos.put("request threads", 0L);
        nanos.put("relay", 0L);
        nanos.put("event store reader", 0L);
        nanos.put("postgres", postgresNanos());
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String role = role(info.getThreadName());
            if (role != null) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    nanos.merge(role, cpu, Long::sum);
                }
            }
        }
        return nanos;
    }

    static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0L)));
        return delta;
    }

    private static String role(String thread) {
        if (thread.startsWith("http-nio") && thread.contains("exec")) {
            return "request threads";
        }
        if (thread.contains("kafka-relay") || thread.startsWith("kafka-producer-network-thread")) {
            return "relay";
        }
        if (thread.startsWith("EmbeddedEventStore")) {
            return "event store reader";
        }
        return null;
    }

    private long postgresNanos() {
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    long parent = Long.parseLong(fields[1]);
                    if (pid == postmaster || parent == postmaster) {
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // The process ended while being read.
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * NANOS_PER_TICK;
    }
}
