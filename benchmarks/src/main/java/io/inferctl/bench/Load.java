package io.inferctl.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** Ways to put load on a path: as fast as N clients can go, or at a fixed rate. */
final class Load {

    /** What a measured window gave: operations that succeeded per second, failures, latency. */
    record Throughput(long ok, long failed, double perSecond, Latency latency, String firstFailure) {
    }

    private Load() {
    }

    /**
     * {@code clients} threads each run {@code operation} back to back: first for {@code warmUp},
     * then for {@code window}, counting only operations that started inside the window.
     * {@code operation} answers whether it succeeded.
     */
    static Throughput closedLoop(int clients, Duration warmUp, Duration window, BooleanSupplier operation) {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Latency latency = new Latency();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            running.add(pool.submit(() -> {
                while (!stop.get()) {
                    boolean counted = measuring.get();
                    long start = System.nanoTime();
                    boolean success = attempt(operation, firstFailure);
                    if (counted && !stop.get()) {
                        latency.recordNanos(System.nanoTime() - start);
                        (success ? ok : failed).incrementAndGet();
                    }
                }
            }));
        }
        pause(warmUp);
        measuring.set(true);
        long started = System.nanoTime();
        pause(window);
        stop.set(true);
        double seconds = (System.nanoTime() - started) / 1e9;
        finish(pool, running);
        return new Throughput(ok.get(), failed.get(), ok.get() / seconds, latency, firstFailure.get());
    }

    /**
     * Starts {@code operation} at a fixed rate for {@code duration}, whether or not earlier ones
     * finished (open loop), and records each one's latency from when it was due, so a stall counts
     * for every operation that waited behind it.
     */
    static Throughput fixedRate(double perSecond, Duration duration, BooleanSupplier operation) {
        long periodNanos = (long) (1e9 / perSecond);
        long total = Math.max(1, (long) (duration.toNanos() / periodNanos));
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Latency latency = new Latency();
        ExecutorService workers = Executors.newCachedThreadPool();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (long i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            running.add(clock.schedule(() -> workers.submit(() -> {
                boolean success = attempt(operation, firstFailure);
                latency.recordNanos(System.nanoTime() - due);
                (success ? ok : failed).incrementAndGet();
            }), due - System.nanoTime(), TimeUnit.NANOSECONDS));
        }
        finish(clock, running);
        workers.shutdown();
        awaitTermination(workers);
        double seconds = total * periodNanos / 1e9;
        return new Throughput(ok.get(), failed.get(), ok.get() / seconds, latency, firstFailure.get());
    }

    /** Runs the operation once: whether it succeeded; the first failure's text is kept. */
    private static boolean attempt(BooleanSupplier operation, AtomicReference<String> firstFailure) {
        try {
            return operation.getAsBoolean();
        } catch (RuntimeException e) {
            firstFailure.compareAndSet(null, e.toString());
            return false;
        }
    }

    private static void finish(ExecutorService pool, List<Future<?>> running) {
        for (Future<?> future : running) {
            try {
                future.get();
            } catch (Exception e) {
                throw new IllegalStateException("a load thread failed", e);
            }
        }
        pool.shutdown();
        awaitTermination(pool);
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("load did not finish within 2 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Lets the load run; this thread only keeps time. */
    static void pause(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
