package io.inferctl.systemtest;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the Service's ready endpoints (its EndpointSlices, endpoints whose {@code conditions.ready}
 * is true) every few milliseconds through the Kubernetes API, as a client's load balancer would,
 * and records every read that found none after the endpoint first had one. The idea of
 * rollout-worker's own test probe, written again here: this module uses public interfaces only.
 */
final class ReadyEndpointsProbe implements AutoCloseable {

    private static final long PERIOD_MILLIS = 5;

    private final KubernetesClient client;
    private final String namespace;
    private final String service;
    private final AtomicBoolean everReady = new AtomicBoolean();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final List<String> outages = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService reader;

    ReadyEndpointsProbe(KubernetesClient client, String namespace, String service) {
        this.client = client;
        this.namespace = namespace;
        this.service = service;
        this.reader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ready-endpoints-probe-" + service);
            thread.setDaemon(true);
            return thread;
        });
        this.reader.scheduleWithFixedDelay(this::read, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void read() {
        try {
            int ready = readyEndpoints();
            reads.incrementAndGet();
            if (ready > 0) {
                everReady.set(true);
            } else if (everReady.get()) {
                Service current = client.services().inNamespace(namespace).withName(service).get();
                outages.add(System.currentTimeMillis() + ": no ready endpoint, selector "
                        + (current == null ? "(no Service)" : current.getSpec().getSelector()));
            }
        } catch (RuntimeException e) {
            // The API did not answer this read: the probe saw nothing, which is not an outage of the Service.
            errors.incrementAndGet();
            lastError.set(e.toString());
        }
    }

    private int readyEndpoints() {
        int ready = 0;
        for (EndpointSlice slice : client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel("kubernetes.io/service-name", service).list().getItems()) {
            if (slice.getEndpoints() == null) {
                continue;
            }
            ready += (int) slice.getEndpoints().stream()
                    .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady()))
                    .count();
        }
        return ready;
    }

    boolean everReady() {
        return everReady.get();
    }

    int reads() {
        return reads.get();
    }

    int errors() {
        return errors.get();
    }

    String lastError() {
        return lastError.get();
    }

    List<String> outages() {
        synchronized (outages) {
            return List.copyOf(outages);
        }
    }

    @Override
    public void close() {
        reader.shutdown();
        try {
            reader.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
