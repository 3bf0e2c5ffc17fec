package io.inferctl.simulator.traffic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.faults.EngineFaults;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.LabelSelector;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.Pods;
import io.inferctl.simulator.store.ResourceTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users of every endpoint: each tick sends the requests due at {@code requestsPerSecond} to every
 * endpoint that has served (had a ready backend) at least once, each to a version by the route's
 * weights (smooth weighted round robin, so shares are exact) and within it to a ready pod in turn.
 * All work runs on one thread, so the choosers, the stats and the engines need no further locking.
 */
public final class SyntheticLoad implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticLoad.class);

    private final ClusterStore store;
    private final Clock clock;
    private final TrafficSettings settings;
    private final TrafficTargets targets;
    private final EngineBehaviour engines;
    private final TrafficStats stats = new TrafficStats();
    private final EngineMetrics metrics = new EngineMetrics();
    private final Map<String, SmoothWeightedRoundRobin> versionChoosers = new HashMap<>();
    private final Map<String, Long> podTurns = new HashMap<>();
    private final Set<String> live = new HashSet<>();
    private final ScheduledExecutorService executor;
    private volatile int requestsPerSecond;
    private Instant lastTick;
    private double due;

    public SyntheticLoad(ClusterStore store, TrafficSettings settings, EngineFaults faults) {
        this.store = store;
        this.clock = store.clock();
        this.settings = settings;
        this.targets = new TrafficTargets(settings);
        this.engines = new EngineBehaviour(faults, settings.latency(), settings.seed());
        this.requestsPerSecond = settings.requestsPerSecond();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gpu-sim-traffic");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        long tickMillis = settings.tick().toMillis();
        executor.scheduleAtFixedRate(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    public TrafficStats stats() {
        return stats;
    }

    public EngineMetrics metrics() {
        return metrics;
    }

    public int requestsPerSecond() {
        return requestsPerSecond;
    }

    /** Changes the rate from the next tick; 0 stops the load (a round sent with {@link #send} still works). */
    public void setRequestsPerSecond(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("requestsPerSecond must be >= 0");
        }
        requestsPerSecond = value;
    }

    /** Sends one round of {@code requestsPerEndpoint} requests to every live endpoint now, and waits for it. */
    public void send(int requestsPerEndpoint) {
        try {
            executor.submit(() -> round(requestsPerEndpoint)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the synthetic load failed", e.getCause());
        }
    }

    private void tick() {
        try {
            Instant now = clock.instant();
            if (lastTick != null) {
                due += requestsPerSecond * Duration.between(lastTick, now).toNanos() / 1e9;
            }
            lastTick = now;
            int requests = (int) Math.floor(due);
            due -= requests;
            if (requestsPerSecond > 0) {
                round(requests);
            }
        } catch (RuntimeException e) {
            LOG.warn("synthetic load tick failed", e);
        }
    }

    private void round(int requestsPerEndpoint) {
        Instant now = clock.instant();
        List<ObjectNode> pods = store.list(ResourceTypes.PODS, null);
        Map<String, List<ObjectNode>> readyByNamespace = readyByNamespace(pods);
        Set<String> seen = new HashSet<>();
        for (TrafficTargets.Target target : targets.resolve(store.list(ResourceTypes.HTTP_ROUTES, null),
                store.list(ResourceTypes.SERVICES, null))) {
            seen.add(target.key());
            Map<String, List<ObjectNode>> ready = readyPods(target,
                    readyByNamespace.getOrDefault(target.namespace(), List.of()));
            Map<String, Long> weights = target.weights();
            boolean anyReady = weights.entrySet().stream()
                    .anyMatch(w -> w.getValue() > 0 && !ready.get(w.getKey()).isEmpty());
            if (!live.contains(target.key()) && !anyReady) {
                continue;
            }
            live.add(target.key());
            sample(target.key(), weights, ready, anyReady, now);
            SmoothWeightedRoundRobin chooser = versionChoosers.computeIfAbsent(target.key(),
                    k -> new SmoothWeightedRoundRobin());
            for (int i = 0; i < requestsPerEndpoint; i++) {
                String version = chooser.next(weights);
                if (version == null) {
                    break;
                }
                request(target.key(), version, ready.get(version), now);
            }
        }
        live.retainAll(seen);
        versionChoosers.keySet().retainAll(seen);
        podTurns.keySet().removeIf(key -> !seen.contains(key.substring(0, key.lastIndexOf('/'))));
        Set<String> uids = new HashSet<>();
        pods.forEach(p -> uids.add(Meta.uid(p)));
        engines.retain(uids);
        metrics.retain(uids);
    }

    private void sample(String endpoint, Map<String, Long> weights, Map<String, List<ObjectNode>> ready,
            boolean anyReady, Instant now) {
        weights.forEach((version, weight) -> {
            if (weight > 0 && ready.get(version).isEmpty()) {
                stats.versionHadNoReadyPod(endpoint, version);
            }
        });
        if (!anyReady) {
            stats.endpointHadNoReadyPod(endpoint, now);
        }
    }

    private void request(String endpoint, String version, List<ObjectNode> ready, Instant now) {
        if (ready.isEmpty()) {
            stats.noBackend(endpoint, version);
            return;
        }
        String turnKey = endpoint + "/" + version;
        long turn = podTurns.merge(turnKey, 1L, Long::sum) - 1;
        ObjectNode pod = ready.get((int) (turn % ready.size()));
        EngineBehaviour.Answer answer = engines.answer(pod, now);
        metrics.record(pod, answer);
        stats.served(endpoint, version, answer.latencyMs(), answer.failed());
    }

    /** Ready pods of each version, in name order; a version whose selector is empty has none. */
    private static Map<String, List<ObjectNode>> readyPods(TrafficTargets.Target target, List<ObjectNode> readyInNamespace) {
        Map<String, List<ObjectNode>> ready = new HashMap<>();
        Map<String, Set<String>> uids = new HashMap<>();
        for (TrafficTargets.Backend backend : target.backends()) {
            List<ObjectNode> list = ready.computeIfAbsent(backend.version(), v -> new ArrayList<>());
            Set<String> listed = uids.computeIfAbsent(backend.version(), v -> new HashSet<>());
            if (backend.selector().isEmpty()) {
                continue;
            }
            LabelSelector selector = LabelSelector.fromMap(backend.selector());
            readyInNamespace.stream().filter(selector::matches).filter(p -> listed.add(Meta.uid(p))).forEach(list::add);
            list.sort(Comparator.comparing(Meta::name));
        }
        return ready;
    }

    /** The pods that can take a request, by namespace: ready and not being deleted. */
    private static Map<String, List<ObjectNode>> readyByNamespace(List<ObjectNode> pods) {
        Map<String, List<ObjectNode>> ready = new HashMap<>();
        pods.stream().filter(p -> Pods.isReady(p) && !Meta.isBeingDeleted(p))
                .forEach(p -> ready.computeIfAbsent(Meta.namespace(p), ns -> new ArrayList<>()).add(p));
        return ready;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
