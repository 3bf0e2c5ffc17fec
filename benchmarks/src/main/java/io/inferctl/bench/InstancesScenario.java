package io.inferctl.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenario 11: what a second instance of every service costs on this machine. The bench starts a stack
 * with one instance of each service, measures it and stops it, then does the same with two
 * ({@code bin/local-stack --instances 2}: two of each service, three Kafka brokers, one PostgreSQL),
 * both as scenario 6's stack (the worker on a simulated cluster whose pods start at once). On each:
 * <ol>
 *   <li>rollout overhead, as scenario 6 measures it;</li>
 *   <li>version-creating commands at 16 clients, as scenario 1 sends them, spread evenly over the
 *       command-service instances, with the CPU time the stack's processes used meanwhile. The rollout
 *       workers are paused (SIGSTOP) for it: scenario 1's stack has no worker, and here they would
 *       roll out each of the thousands of endpoints created;</li>
 *   <li>the resident memory of the stack's JVMs and PostgreSQL, right after the commands.</li>
 * </ol>
 * The workers are then killed, not resumed (the stack is thrown away), so its stop does not wait
 * for the rollouts of those endpoints.
 *
 * @param root  the checkout whose {@code bin/local-stack} runs
 * @param state where the two stacks keep their state, each in a directory of its own
 */
record InstancesScenario(Path root, Path state, Scale scale, Report report) {

    private static final int CLIENTS = 16;
    private static final double COMMANDS_PER_FIGURE = 1_000;
    private static final String WORKER_JAR = "rollout-worker";

    /** One stack's figures. */
    private record Measured(int instances, double loadAverage, Latency overhead, Load.Throughput commands,
                            long created, double cpuSeconds, Footprint.Memory memory) {

        double cpuPerThousand() {
            return created == 0 ? 0 : cpuSeconds / created * COMMANDS_PER_FIGURE;
        }

        /** @param comparison after the rate, e.g. how it compares with the other stack's */
        String commandSummary(String comparison) {
            return Report.perSecond(commands.perSecond()) + " version-creating commands" + comparison + "; "
                    + String.format(Locale.ROOT, "%.2f", cpuPerThousand()) + " CPU s per 1,000 (the stack's processes)"
                    + AppendScenario.failures(commands);
        }
    }

    void run() throws Exception {
        Measured one = measure(1);
        noteEach(one);
        Measured two = measure(2);
        noteEach(two);
        double ratio = one.commands().perSecond() == 0 ? 0 : two.commands().perSecond() / one.commands().perSecond();
        report.add("11. Commands, " + CLIENTS + " clients, two instances of each service (" + CLIENTS / 2
                        + " clients on each command API)",
                two.commandSummary(String.format(Locale.ROOT, " (%.2fx one instance's)", ratio)),
                "one instance of each service, same run: " + one.commandSummary(""), "", null);
        report.add("11. Rollout overhead, two instances of each service (" + scale.rollouts() + " rollouts after "
                        + RolloutScenario.warmUpRollouts(scale) + " untimed)",
                "accepted to traffic switched: " + two.overhead().summary(),
                "one instance of each service, same run: " + one.overhead().summary(), "", null);
        report.add("11. Resident memory of the stack after the commands, two instances of each service",
                two.memory().summary(), "one instance of each service, same run: " + one.memory().summary(), "", null);
    }

    /** Each stack's figures as soon as it is measured, so they stay when the next stack fails to start. */
    private void noteEach(Measured measured) {
        report.note(String.format(Locale.ROOT, "11. %s (1-minute load average %.1f at its start): %s; rollout overhead %s;"
                        + " memory %s: %s.",
                measured.instances() == 1 ? "One instance of each service" : "Two instances of each service",
                measured.loadAverage(), measured.commandSummary(""), measured.overhead().summary(),
                measured.memory().summary(), measured.memory().byPart()));
    }

    private Measured measure(int instances) throws Exception {
        List<String> args = new ArrayList<>(Bench.ROLLOUT_STACK_ARGS);
        args.addAll(List.of("--instances", Integer.toString(instances)));
        try (LocalStack local = LocalStack.start(root, state.resolve(instances == 1 ? "one-instance" : "two-instances"), args,
                Bench.ROLLOUT_STACK_ENVIRONMENT)) {
            double loadAverage = loadAverage();
            Stack stack = local.stack();
            Api api = new Api(stack);
            RolloutScenario rollouts = new RolloutScenario(new Scenario(stack, api, scale, report));
            Latency overhead = rollouts.overhead();
            report.note("11. " + instances + (instances == 1 ? " instance" : " instances") + " of each service: "
                    + rollouts.retriedConflicts() + " of the rollouts' changes answered 409 CONCURRENT_MODIFICATION"
                    + " (a worker's report at the same moment) and sent again");

            Footprint footprint = new Footprint(local);
            List<ProcessHandle> workers = footprint.jvms(WORKER_JAR);
            if (workers.size() != instances) {
                throw new IllegalStateException("expected " + instances + " rollout workers, found " + workers.size());
            }
            signal("STOP", workers);
            try {
                LongAdder created = new LongAdder();
                double cpuBefore = footprint.cpuSeconds();
                Load.Throughput commands = AppendScenario.creations(stack.commandUrls().stream().map(api::at).toList(),
                        CLIENTS, scale, created);
                double cpuSeconds = footprint.cpuSeconds() - cpuBefore;
                return new Measured(instances, loadAverage, overhead, commands, created.sum(), cpuSeconds,
                        footprint.memory());
            } finally {
                signal("KILL", workers);
            }
        }
    }

    /** kill -SIGNAL to each of these processes (all the bench's own: its stack's). */
    private static void signal(String signal, List<ProcessHandle> processes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        processes.forEach(p -> command.add(Long.toString(p.pid())));
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    /** The machine's 1-minute load average: the stack shares it with whatever else runs. */
    private static double loadAverage() throws IOException {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
