package io.inferctl.command.webhook.web;

import io.inferctl.command.support.Api;

import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Requests sent together: each on its own thread, all released when the last one is ready. */
final class AtOnce {

    private AtOnce() {
    }

    /** @return the answers, in the order of {@code requests} */
    static List<Api.Response> send(List<Supplier<Api.Response>> requests) {
        CyclicBarrier ready = new CyclicBarrier(requests.size());
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            List<CompletableFuture<Api.Response>> sent = requests.stream()
                    .map(request -> CompletableFuture.supplyAsync(() -> {
                        await(ready);
                        return request.get();
                    }, pool))
                    .toList();
            return sent.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (BrokenBarrierException e) {
            throw new IllegalStateException("another request failed before all were released", e);
        }
    }
}
