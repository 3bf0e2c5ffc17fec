package io.inferctl.worker.support;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the Service's ready endpoints (its EndpointSlices) every few milliseconds, as a client's
 * load balancer would, and records every moment it saw none after the endpoint first had one. It
 * also records every version the Service selected whose pods were not all ready then.
 */
public final class TrafficProbe implements AutoCloseable {

    private static final long PERIOD_MILLIS = 3;

    private final KubernetesClient client;
    private final String service;
    private final String versionLabel;
    private final AtomicBoolean everReady = new AtomicBoolean();
    private final AtomicInteger reads = new AtomicInteger();
    private final List<String> outages = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService reader;

    public TrafficProbe(KubernetesClient client, String service, String versionLabel) {
        this.client = client;
        this.service = service;
        this.versionLabel = versionLabel;
        this.reader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "traffic-probe-" + service);
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
                Service current = client.services().withName(service).get();
                outages.add(System.currentTimeMillis() + ": no ready endpoint, selector "
                        + (current == null ? "(no Service)" : current.getSpec().getSelector()));
            }
            if (everReady.get()) {
                checkSelectedVersionIsReady();
            }
        } catch (RuntimeException e) {
            // A fault injected into the API can hit the probe too; that is not an outage of the Service.
        }
    }

    private int readyEndpoints() {
        int ready = 0;
        for (EndpointSlice slice : client.discovery().v1().endpointSlices()
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

    private void checkSelectedVersionIsReady() {
        Service current = client.services().withName(service).get();
        if (current == null) {
            return;
        }
        Map<String, String> selector = current.getSpec().getSelector();
        var pods = client.pods().withLabels(selector).list().getItems();
        long ready = pods.stream().filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .count();
        if (ready == 0) {
            outages.add(System.currentTimeMillis() + ": Service selects version " + selector.get(versionLabel)
                    + " with no ready pod");
        }
    }

    public boolean everReady() {
        return everReady.get();
    }

    public int reads() {
        return reads.get();
    }

    public List<String> outages() {
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
