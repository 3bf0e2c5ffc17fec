package io.inferctl.worker.rollout.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The command-service instances a worker reports to, and the one it tries first. Any instance takes
 * any report (they share one event store and one idempotency store), so the worker stays with the
 * one that last answered and moves on to the next only when it gets no answer or a 5xx: a dead
 * instance then costs one attempt, not every report's whole retry budget.
 *
 * @param <C> the client of one instance
 */
final class CommandApiInstances<C> {

    private static final Logger log = LoggerFactory.getLogger(CommandApiInstances.class);

    private final List<URI> urls;
    private final List<C> clients;
    private final AtomicInteger preferred = new AtomicInteger();

    CommandApiInstances(List<URI> urls, Function<URI, C> client) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("inferctl.reports: no command URL");
        }
        this.urls = List.copyOf(urls);
        this.clients = this.urls.stream().map(client).toList();
    }

    /** The instance to try now. */
    Instance<C> current() {
        int index = preferred.get();
        return new Instance<>(index, urls.get(index), clients.get(index));
    }

    /**
     * The instance gave no usable answer: the next attempt goes to the next one. Only the first of
     * several reports that failed on the same instance at once moves the choice on.
     */
    void unanswered(Instance<C> instance) {
        int next = (instance.index() + 1) % urls.size();
        if (next != instance.index() && preferred.compareAndSet(instance.index(), next)) {
            log.warn("Command API at {} did not answer; reporting to {} from now on", instance.url(), urls.get(next));
        }
    }

    record Instance<C>(int index, URI url, C client) {
    }
}
