package io.inferctl.simulator.controller;

import io.inferctl.simulator.store.ClusterStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every reconciler, in order, on one thread whenever the store changes or a timer a reconciler
 * asked for fires. One thread keeps the controllers free of races with each other and cheap on a
 * two-core machine; store changes arriving during a pass queue exactly one more pass, so bursts
 * coalesce and the loop sleeps when the cluster is settled.
 */
public final class ControlLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);
    private static final Duration RETRY_AFTER_ERROR = Duration.ofMillis(250);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final ClusterStore store;
    private final List<Reconciler> reconcilers;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private ClusterStore.Subscription subscription;
    private ScheduledFuture<?> timer;
    private Instant timerAt;
    private Instant nextWake;

    public ControlLoop(ClusterStore store, List<Reconciler> reconcilers) {
        this.store = store;
        this.reconcilers = List.copyOf(reconcilers);
        this.clock = store.clock();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gpu-sim-controllers");
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        subscription = store.subscribe(event -> requestPass());
        requestPass();
    }

    public Instant now() {
        return clock.instant();
    }

    /** Asks for a pass soon; any number of requests before it starts make one pass. */
    public void requestPass() {
        if (passQueued.compareAndSet(false, true) && !executor.isShutdown()) {
            try {
                executor.execute(this::runPass);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.debug("control loop is shut down");
            }
        }
    }

    /** Called by a reconciler during a pass: run another pass no later than {@code when}. */
    public void wakeAt(Instant when) {
        if (nextWake == null || when.isBefore(nextWake)) {
            nextWake = when;
        }
    }

    private void runPass() {
        passQueued.set(false);
        nextWake = null;
        for (Reconciler reconciler : reconcilers) {
            try {
                reconciler.reconcile(this);
            } catch (RuntimeException e) {
                LOG.warn("{} failed; retrying shortly", reconciler.getClass().getSimpleName(), e);
                wakeAt(now().plus(RETRY_AFTER_ERROR));
            }
        }
        scheduleTimer();
    }

    private void scheduleTimer() {
        if (nextWake == null) {
            return;
        }
        if (timer != null && !timer.isDone() && timerAt != null && !nextWake.isBefore(timerAt)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        long delay = Math.max(0, Duration.between(now(), nextWake).toMillis());
        timerAt = nextWake;
        timer = executor.schedule(this::requestPass, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.close();
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("controllers did not stop within {}", SHUTDOWN_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
