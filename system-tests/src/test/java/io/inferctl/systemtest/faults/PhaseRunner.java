package io.inferctl.systemtest.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * One fault phase: the load starts, the fault comes after a random number of acknowledged commands,
 * the load goes on for a while after it, stops, and the whole history so far is checked (store,
 * topic, read model, outcomes, cluster objects, zero-ready-backend moments). Collects one row per
 * phase for the report table and prints the figures measured.
 */
final class PhaseRunner implements AutoCloseable {

    /** How long after the load stops a rollout may still be in progress before it counts as stuck. */
    static final Duration OUTCOME_DEADLINE = Duration.ofMinutes(3);
    private static final Duration CLUSTER_SETTLE = Duration.ofSeconds(90);
    private static final Duration ACKS_WAIT = Duration.ofMinutes(4);
    private static final Duration HOLD_SLACK = Duration.ofSeconds(5);

    interface Fault {
        void inject() throws Exception;
    }

    private record Row(String fault, String how, int acks, double commandsPerSecond, String failures, String found) {
    }

    private final History history = new History();
    private final StackClient client;
    private final Load load;
    private final HistoryChecker historyChecker;
    private final ClusterChecker clusterChecker;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> figures = new ArrayList<>();
    private String phase = "-";
    private long phaseStarted;

    PhaseRunner(FaultStack stack, int clients) {
        this.client = new StackClient(stack);
        this.load = new Load(client, history, clients);
        this.historyChecker = new HistoryChecker(stack, client);
        this.clusterChecker = new ClusterChecker(stack, client);
    }

    void run(String fault, String how, Fault inject) throws Exception {
        phase = fault;
        phaseStarted = System.nanoTime();
        mark("load starts");
        load.start(fault);
        try {
            awaitAcks(5 + ThreadLocalRandom.current().nextInt(15));
            mark("injecting");
            inject.inject();
            mark("fault over");
            awaitAcks(15);
        } finally {
            load.stop();
        }
        double seconds = (System.nanoTime() - phaseStarted) / 1e9;
        int acks = history.acks(fault).size();
        double rate = acks / seconds;
        List<History.Failure> failures = history.failures(fault);
        long safe = failures.stream().filter(History.Failure::safeToRetry).count();
        long replayed = failures.stream().filter(f -> f.safeToRetry() && f.retryReplayed()).count();
        String failureSummary = failures.size() + " failed, " + safe + " safe to retry (" + replayed + " replayed)";
        System.out.printf("FAULTS %s: %d acks in %.1f s = %.2f commands/s; %s%n", fault, acks, seconds, rate, failureSummary);
        failures.forEach(f -> System.out.println("FAULTS   failure " + f));

        List<String> found = new ArrayList<>(historyChecker.verify(history, fault, OUTCOME_DEADLINE));
        Set<String> endpoints = history.acksByEndpoint(fault).keySet();
        found.addAll(clusterChecker.verifyObjects(history.acksByEndpoint().keySet(), endpoints, CLUSTER_SETTLE));
        clusterChecker.zeroReadyBackendMoments(clusterChecker.names(endpoints)).forEach((endpoint, moments) ->
                found.add(endpoint + ": " + moments + " zero-ready-backend moments"));
        failures.stream().filter(f -> !f.safeToRetry()).forEach(f -> found.add("unsafe retry: " + f));
        String summary = found.isEmpty()
                ? "nothing: " + history.acks(fault).size() + " acks on " + endpoints.size() + " endpoints checked, "
                + clusterChecker.trafficEndpoints() + " endpoints' traffic"
                : found.size() + " violations: " + found.stream().limit(5).collect(Collectors.joining("; "));
        rows.add(new Row(fault, how, acks, rate, failureSummary, summary));
        mark("checked: " + summary);
        if (!found.isEmpty()) {
            throw new AssertionError(fault + ": the checker found " + found.size() + " violations:\n"
                    + String.join("\n", found));
        }
    }

    /** Until the load's clients got {@code more} acknowledgements in this phase than they have now. */
    void awaitAcks(int more) {
        int target = history.acks(phase).size() + more;
        await(more + " more acknowledged commands in phase '" + phase + "'").atMost(ACKS_WAIT)
                .pollInterval(Duration.ofMillis(100)).until(() -> history.acks(phase).size() >= target);
    }

    void awaitRolloutsInFlight() {
        await("rollouts in flight").atMost(ACKS_WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> load.inFlight().size() >= 2);
    }

    /** More clients for the rest of this phase (see {@link Load#addClients}). */
    void addClients(int more) {
        load.addClients(more);
    }

    Map<String, Long> inFlight() {
        return load.inFlight();
    }

    /**
     * The time from a worker's kill until each rollout in flight at that moment was seen ended by
     * its client (by whichever worker instance finished it); printed as the worker's resume figure.
     */
    void measureResume(Map<String, Long> inFlight, long killedAt) {
        await("the rollouts in flight at the kill to end").atMost(OUTCOME_DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> load.endedAt(inFlight.keySet()).size() == inFlight.size()
                        || inFlight.keySet().stream().noneMatch(load.inFlight()::containsKey));
        List<Double> seconds = load.endedAt(inFlight.keySet()).values().stream()
                .map(at -> (at - killedAt) / 1e9).sorted().toList();
        figure(String.format("worker kill: %d rollouts in flight, ended after (s) %s; max %.1f s",
                inFlight.size(), seconds.stream().map(s -> String.format("%.1f", s)).toList(),
                seconds.isEmpty() ? 0.0 : seconds.get(seconds.size() - 1)));
    }

    /** A measured figure: printed now and again under the table. */
    void figure(String figure) {
        figures.add(figure);
        System.out.println("FAULTS " + figure);
    }

    /** Acknowledged commands in this phase so far. */
    int acks() {
        return history.acks(phase).size();
    }

    /** Lets the load go on for {@code duration} with the fault in place (Awaitility, never a sleep). */
    void hold(Duration duration) {
        await("the fault to last " + duration).pollDelay(duration).atMost(duration.plus(HOLD_SLACK)).until(() -> true);
    }

    void mark(String what) {
        System.out.printf("FAULTS [%s +%.1f s] %s (acks so far %d)%n", phase, (System.nanoTime() - phaseStarted) / 1e9,
                what, history.acks(phase).size());
    }

    void printTable() {
        System.out.println("FAULTS | fault | how injected | runs | acks | commands/s | failed commands | what the checker found |");
        System.out.println("FAULTS |---|---|---|---|---|---|---|");
        rows.forEach(r -> System.out.printf("FAULTS | %s | %s | 1 | %d | %.2f | %s | %s |%n",
                r.fault(), r.how(), r.acks(), r.commandsPerSecond(), r.failures(), r.found()));
        figures.forEach(f -> System.out.println("FAULTS figure: " + f));
    }

    @Override
    public void close() {
        load.close();
    }
}
