package io.inferctl.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code bin/bench}: how fast this control plane is on this machine, each figure beside the limit it
 * is bounded by, measured in the same run. By default it starts two fresh local stacks of its own
 * (free ports, its own state directory): one without the rollout worker for the command and query
 * paths, so nothing else competes for the machine, and one with the worker and a simulated cluster
 * whose pods start at once for the rollouts. With {@code --stack-env} it drives servers already
 * running instead.
 */
public final class Bench {

    static final String USAGE = """
            Usage: bin/bench [--quick] [--out FILE] [--stack-env FILE] [--state-dir DIR]
                             [--history-versions N] [--audit-entries N] [--scenarios 1,2,3,4,5,6,7,8,9,10,11]

              --quick           every scenario briefly: proves the harness works, times nothing
              --out FILE        where the Markdown table goes (default BENCHMARKS.md; none with --quick)
              --stack-env FILE  drive running servers, given as bin/local-stack's stack.env (see README)
              --state-dir DIR   where the bench's own stacks keep their state (default .local/bench)
              --history-versions N  versions of the endpoint whose history is read (default 100000)
              --audit-entries N     audit entries in all (default 1000000)
              --scenarios LIST      only these (1-3, 4-5 and 6 run as groups; default 1 to 10; 8 starts
                                    a second stack, so not with --stack-env; 9 and 10 need the
                                    worker's drain-delay and health interval short, as the
                                    bench's own stack sets them, and 10 the simulator; 11, one
                                    against two instances of each service, starts two stacks of
                                    its own one after the other, so not with --stack-env, and
                                    runs only when named: its second stack alone is 13 JVMs)
            """;

    private static final int LAST_SCENARIO = 11;
    /** What runs without --scenarios: all but 11, which starts two more stacks, one of them of 13 JVMs. */
    private static final Set<Integer> DEFAULT_SCENARIOS = Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    /**
     * The stack for rollouts: a simulated cluster whose pods start at once, with room for many. A
     * superseded version turns warm a second after the switch, so warm rollbacks follow each other
     * quickly; a canary's health is looked at every second, so its figure is not the default's 10 s.
     */
    static final List<String> ROLLOUT_STACK_ARGS = List.of("--simulator-args", "--fast --shape 16xNVIDIA_H100:8");
    static final Map<String, String> ROLLOUT_STACK_ENVIRONMENT = Map.of("INFERCTL_ROLLOUT_DRAINDELAY", "1s",
            "INFERCTL_ROLLOUT_CANARY_HEALTHINTERVAL", CanaryRollbackScenario.HEALTH_INTERVAL.toSeconds() + "s");

    /** A step of the run that throws; the run goes on and fails at the end. */
    private interface Step {
        void run() throws Exception;
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }
        Scale scale = (options.quick() ? Scale.quickRun() : Scale.fullRun())
                .withHistory(options.historyVersions(), options.auditEntries());
        Report report = new Report(options.quick(),
                options.stackEnv() == null ? "the embedded local stack" : "the servers in " + options.stackEnv());
        boolean ok;
        if (options.stackEnv() != null) {
            Stack stack = Stack.fromEnvFile(options.stackEnv());
            ok = commandAndQueryPaths(stack, scale, report, options) & rollouts(stack, scale, report, options);
            if (options.runs(8)) {
                report.note("Scenario 8 not run: it starts a second stack beside the bench's own, and --stack-env has none.");
            }
            if (options.runs(11)) {
                report.note("Scenario 11 not run: it starts stacks of its own with one and with two instances of each service.");
            }
        } else {
            ok = true;
            if (options.runs(1, 2, 3, 4, 5, 7, 8)) {
                try (LocalStack local = LocalStack.start(options.root(), options.stateDir().resolve("commands"),
                        List.of("--no-worker"))) {
                    ok = commandAndQueryPaths(local.stack(), scale, report, options);
                    ok = busyNeighbour(local.stack(), scale, report, options) & ok;
                }
            }
            if (options.runs(6, 9, 10)) {
                try (LocalStack local = LocalStack.start(options.root(), options.stateDir().resolve("rollouts"),
                        ROLLOUT_STACK_ARGS, ROLLOUT_STACK_ENVIRONMENT)) {
                    ok = rollouts(local.stack(), scale, report, options) & ok;
                }
            }
            if (options.runs(11)) {
                ok = step("11", report, () -> new InstancesScenario(options.root(), options.stateDir().resolve("instances"),
                        scale, report).run()) & ok;
            }
        }
        System.out.println();
        System.out.println(report.markdown());
        if (options.out() != null) {
            report.writeTo(options.out());
            System.out.println("Written to " + options.out());
        }
        System.exit(ok ? 0 : 1);
    }

    private static boolean commandAndQueryPaths(Stack stack, Scale scale, Report report, Options options) {
        Scenario scenario = new Scenario(stack, new Api(stack), scale, report);
        return (!options.runs(1, 2) || step("1-2", report, () -> new AppendScenario(scenario).run()))
                & (!options.runs(3) || step("3", report, () -> new LagScenario(scenario).run()))
                & (!options.runs(4, 5) || step("4-5", report, () -> new HistoryScenario(scenario).run()))
                & (!options.runs(7) || step("7", report, () -> new WebhookScenario(scenario).run()));
    }

    /** Scenario 8 starts a second stack beside the first, so it runs only where the bench starts its own. */
    private static boolean busyNeighbour(Stack stack, Scale scale, Report report, Options options) {
        if (!options.runs(8)) {
            return true;
        }
        Scenario scenario = new Scenario(stack, new Api(stack), scale, report);
        return step("8", report, () -> new BusyNeighbourScenario(scenario, options.root(),
                options.stateDir().resolve("neighbour")).run());
    }

    private static boolean rollouts(Stack stack, Scale scale, Report report, Options options) {
        if (!options.runs(6, 9, 10)) {
            return true;
        }
        if (stack.kubeconfig() == null) {
            report.note("Scenarios 6, 9 and 10 not run: the stack settings have no KUBECONFIG.");
            return true;
        }
        Scenario scenario = new Scenario(stack, new Api(stack), scale, report);
        return (!options.runs(6) || step("6", report, () -> new RolloutScenario(scenario).run()))
                & (!options.runs(9) || step("9", report, () -> new WarmRollbackScenario(scenario).run()))
                & (!options.runs(10) || step("10", report, () -> new CanaryRollbackScenario(scenario).run()));
    }

    private static boolean step(String scenarios, Report report, Step step) {
        try {
            step.run();
            return true;
        } catch (Exception e) {
            e.printStackTrace();
            report.add(scenarios + ". FAILED", e.toString().replace('|', '/').replace('\n', ' '), "", "", false);
            return false;
        }
    }

    /** The command line. */
    record Options(boolean quick, Path out, Path stackEnv, Path stateDir, Path root, Integer historyVersions,
                   Integer auditEntries, Set<Integer> scenarios, boolean help) {

        /** Whether any of these scenarios is to run. */
        boolean runs(int... numbers) {
            return Arrays.stream(numbers).anyMatch(scenarios::contains);
        }

        static Options parse(String... args) {
            boolean quick = false;
            boolean help = false;
            Path out = null;
            Path stackEnv = null;
            Path stateDir = null;
            Path root = Path.of("").toAbsolutePath();
            Integer historyVersions = null;
            Integer auditEntries = null;
            Set<Integer> scenarios = DEFAULT_SCENARIOS;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quick" -> quick = true;
                    case "--out" -> out = Path.of(value(args, ++i, "--out"));
                    case "--stack-env" -> stackEnv = Path.of(value(args, ++i, "--stack-env"));
                    case "--state-dir" -> stateDir = Path.of(value(args, ++i, "--state-dir")).toAbsolutePath();
                    case "--root" -> root = Path.of(value(args, ++i, "--root")).toAbsolutePath();
                    case "--history-versions" -> historyVersions = positive(value(args, ++i, "--history-versions"), "--history-versions");
                    case "--audit-entries" -> auditEntries = positive(value(args, ++i, "--audit-entries"), "--audit-entries");
                    case "--scenarios" -> scenarios = scenarios(value(args, ++i, "--scenarios"));
                    case "-h", "--help" -> help = true;
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            if (out == null && !quick) {
                out = root.resolve("BENCHMARKS.md");
            }
            return new Options(quick, out, stackEnv, stateDir == null ? root.resolve(".local/bench") : stateDir, root,
                    historyVersions, auditEntries, scenarios, help);
        }

        private static Set<Integer> scenarios(String list) {
            Set<Integer> scenarios = new TreeSet<>();
            for (String item : list.split(",")) {
                int number;
                try {
                    number = Integer.parseInt(item.trim());
                } catch (NumberFormatException e) {
                    number = 0;
                }
                if (number < 1 || number > LAST_SCENARIO) {
                    throw new IllegalArgumentException("--scenarios takes numbers from 1 to " + LAST_SCENARIO + ", not " + item.trim());
                }
                scenarios.add(number);
            }
            return scenarios;
        }

        private static int positive(String value, String option) {
            try {
                int number = Integer.parseInt(value.replace("_", "").replace(",", ""));
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException ignored) {
                // refused below
            }
            throw new IllegalArgumentException(option + " must be a whole number above 0, not " + value);
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
