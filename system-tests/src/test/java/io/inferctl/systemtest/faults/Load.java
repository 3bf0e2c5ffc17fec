package io.inferctl.systemtest.faults;

import io.inferctl.systemtest.faults.StackClient.Answer;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * The steady load: each client thread creates an endpoint, changes it a few times (PATCH with
 * If-Match and an Idempotency-Key per logical change), each change after the previous rollout
 * ended, then moves on to a new endpoint. Commands alternate between the two command-service
 * instances. An attempt without an answer or with a 5xx is retried with the same key, on either
 * instance, until it gets a definite answer; the {@link History} records all of it.
 */
final class Load implements AutoCloseable {

    private static final Duration RETRY_DEADLINE = Duration.ofSeconds(120);
    private static final Duration ROLLOUT_WAIT = Duration.ofSeconds(150);
    private static final int CHANGES_PER_ENDPOINT = 5;

    private final StackClient client;
    private final History history;
    private final int threads;
    private final ExecutorService pool;
    private final AtomicInteger nextInstance = new AtomicInteger();
    private final AtomicInteger nextName = new AtomicInteger();
    private final AtomicInteger nextValue = new AtomicInteger(64);
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Long> ended = new ConcurrentHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean running;
    private volatile String phase = "warm-up";

    Load(StackClient client, History history, int threads) {
        this.client = client;
        this.history = history;
        this.threads = threads;
        // Cached, not fixed: a phase may add clients for a while (addClients).
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fault-load");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the clients, labelling what they record with {@code phase}. */
    void start(String phase) {
        this.phase = phase;
        running = true;
        busy.addAndGet(threads);
        for (int i = 0; i < threads; i++) {
            pool.submit(this::runClient);
        }
    }

    /**
     * Starts {@code more} clients besides the phase's, until the load stops: each begins with a new
     * endpoint at once, so commands go on while the others wait for rollouts a fault holds up.
     */
    void addClients(int more) {
        busy.addAndGet(more);
        for (int i = 0; i < more; i++) {
            pool.submit(this::runClient);
        }
    }

    /** Lets every client finish its logical change (retries included), then returns. */
    void stop() throws InterruptedException {
        running = false;
        await("the load's clients to finish their changes").atMost(RETRY_DEADLINE.plus(ROLLOUT_WAIT))
                .pollInterval(Duration.ofMillis(200)).until(() -> busy.get() == 0);
    }

    /** Rollouts the clients are waiting for now: "endpointId:version" to when they started waiting (nanoTime). */
    Map<String, Long> inFlight() {
        return Map.copyOf(inFlight);
    }

    /** When the clients saw each of these rollouts end (nanoTime), for those that did. */
    Map<String, Long> endedAt(Set<String> rollouts) {
        Map<String, Long> seen = new ConcurrentHashMap<>();
        rollouts.forEach(r -> {
            Long at = ended.get(r);
            if (at != null) {
                seen.put(r, at);
            }
        });
        return seen;
    }

    private void runClient() {
        try {
            while (running) {
                String name = "fault-" + nextName.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
                Answer created = command("create", "POST", "/v1/endpoints", "application/json", null, """
                        {"name": "%s", "comment": "fault load",
                         "config": {"model": {"name": "Llama-3.1-8B-Instruct", "source": "hf://meta-llama/Llama-3.1-8B-Instruct"},
                                    "accelerator": {"type": "NVIDIA_H100", "count": 1},
                                    "autoscaling": {"minReplicas": 1, "maxReplicas": 1}}}
                        """.formatted(name));
                if (created == null || !created.ok()) {
                    continue;
                }
                String id = created.body().path("endpointId").asText();
                int version = created.body().path("version").asInt();
                long sequence = created.body().path("sequence").asLong();
                for (int change = 1; change <= CHANGES_PER_ENDPOINT && running; change++) {
                    if (!awaitRolloutEnd(id, version, sequence)) {
                        break;
                    }
                    Answer patched = command("update", "PATCH", "/v1/endpoints/" + id, "application/merge-patch+json",
                            "\"" + version + "\"", """
                            {"config": {"engine": {"maxBatchSize": %d}}, "comment": "change %d"}
                            """.formatted(1 + nextValue.incrementAndGet() % 4000, change));
                    if (patched == null || !patched.ok()) {
                        break; // a refusal: leave this endpoint as it is and start a new one
                    }
                    version = patched.body().path("version").asInt();
                    sequence = patched.body().path("sequence").asLong();
                }
                awaitRolloutEnd(id, version, sequence);
            }
        } catch (RuntimeException e) {
            history.refusal(new History.Refusal("-", "-", -1, "client crashed: " + e, phase));
        } finally {
            busy.decrementAndGet();
        }
    }

    /** One logical change: a key, an instance in turn, and on no answer or a 5xx the same key until a definite answer. */
    private Answer command(String kind, String method, String path, String contentType, String ifMatch, String body) {
        String key = kind + "-" + UUID.randomUUID();
        int instance = Math.floorMod(nextInstance.getAndIncrement(), client.instances());
        Answer first = client.change(instance, method, path, contentType, ifMatch, key, body);
        if (definite(first)) {
            return record(first, key);
        }
        AtomicReference<Answer> retry = new AtomicReference<>(first);
        AtomicInteger attempt = new AtomicInteger(instance);
        try {
            await("a definite answer to " + key).atMost(RETRY_DEADLINE).pollInterval(Duration.ofMillis(300))
                    .until(() -> {
                        int next = Math.floorMod(attempt.incrementAndGet(), client.instances());
                        retry.set(client.change(next, method, path, contentType, ifMatch, key, body));
                        return definite(retry.get());
                    });
        } catch (ConditionTimeoutException e) {
            // recorded below as a retry that never got an answer
        }
        Answer last = retry.get();
        boolean answered = definite(last);
        history.failure(new History.Failure(key, kind, first.instance(), first.status(),
                first.error() != null ? first.error() : first.body().toString(),
                answered ? last.status() : -1, last.instance(), last.replayed(), last.body().toString(), phase));
        return answered ? record(last, key) : null;
    }

    private Answer record(Answer answer, String key) {
        if (answer.ok()) {
            history.ack(new History.Ack(answer.body().path("endpointId").asText(), answer.body().path("version").asInt(),
                    answer.body().path("sequence").asLong(), key, answer.instance(),
                    answer.body().path("changed").asBoolean(true), answer.replayed(), phase));
        } else {
            history.refusal(new History.Refusal(key, answer.instance(), answer.status(), answer.code(), phase));
        }
        return answer;
    }

    /** Until the read model shows the version's rollout over; false when it did not end in time. */
    private boolean awaitRolloutEnd(String id, int version, long sequence) {
        String rollout = id + ":" + version;
        inFlight.put(rollout, System.nanoTime());
        try {
            await("the rollout of " + rollout + " to end").atMost(ROLLOUT_WAIT).pollInterval(Duration.ofMillis(150))
                    .until(() -> {
                        Answer endpoint = client.query("/v1/endpoints/" + id + "?minSequence=" + sequence);
                        return endpoint.ok() && endpoint.body().path("latestVersion").asInt(-1) >= version
                                && (endpoint.body().path("inProgress").isNull() || endpoint.body().path("inProgress").isMissingNode());
                    });
            ended.put(rollout, System.nanoTime());
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        } finally {
            inFlight.remove(rollout);
        }
    }

    private static boolean definite(Answer answer) {
        return answer.status() != 0 && answer.status() < 500;
    }

    @Override
    public void close() {
        running = false;
        pool.shutdownNow();
    }
}
