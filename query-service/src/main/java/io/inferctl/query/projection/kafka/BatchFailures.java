package io.inferctl.query.projection.kafka;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The failed attempts of the batch each consumer of this instance is stuck on, if any: they bound
 * the retries of a batch the database refuses, and tell the health check that the projection stalls.
 * A consumer's count starts over when it gets another batch and ends when a batch succeeds.
 */
public class BatchFailures {

    /** The failed attempts of one batch, and what the last one threw. */
    public record Attempts(String batch, int count, String lastFailure) {
    }

    /** One entry per consumer thread: a consumer handles one batch at a time. */
    private final Map<String, Attempts> byConsumer = new ConcurrentHashMap<>();

    /** Records a failed attempt of the batch; returns how many attempts of it have failed in a row. */
    int failed(String batch, Throwable failure) {
        return byConsumer.compute(Thread.currentThread().getName(), (consumer, before) -> new Attempts(batch,
                before != null && before.batch().equals(batch) ? before.count() + 1 : 1,
                RefusedEvents.cause(failure))).count();
    }

    void succeeded() {
        byConsumer.remove(Thread.currentThread().getName());
    }

    /** The batch that has failed most often in a row, if any consumer is stuck on one. */
    public Attempts worst() {
        return byConsumer.values().stream().max((a, b) -> Integer.compare(a.count(), b.count())).orElse(null);
    }
}
