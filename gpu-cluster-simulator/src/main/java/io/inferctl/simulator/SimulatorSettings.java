package io.inferctl.simulator;

import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.cluster.SimulatedNodes;
import io.inferctl.simulator.engine.ModelCatalog;
import io.inferctl.simulator.kubelet.KubeletSettings;
import io.inferctl.simulator.traffic.TrafficSettings;
import java.time.Clock;

/**
 * Every setting of a simulator, with defaults a user would pick.
 *
 * @param host             interface both servers listen on
 * @param port             Kubernetes API port; 0 picks a free one
 * @param adminPort        admin API port; 0 picks a free one
 * @param shape            the nodes
 * @param catalog          the models the engine can download
 * @param kubelet          phase durations, back-offs, missing images
 * @param nodeResources    CPU, memory and pod capacity of each node
 * @param eventLimit       how many Event objects are kept before the oldest go
 * @param watchHistory     how many changes a watch can resume across (older resource versions get 410 Gone)
 * @param eventLoopThreads Vert.x event loop threads serving both APIs
 * @param faultSeed        seed of the randomness that picks which requests a fault rate hits
 * @param clock            source of time for timestamps and phases
 * @param traffic          the synthetic request load on every endpoint and how healthy engines answer it
 */
public record SimulatorSettings(
        String host,
        int port,
        int adminPort,
        ClusterShape shape,
        ModelCatalog catalog,
        KubeletSettings kubelet,
        SimulatedNodes.NodeResources nodeResources,
        int eventLimit,
        int watchHistory,
        int eventLoopThreads,
        long faultSeed,
        Clock clock,
        TrafficSettings traffic) {

    private static final String LOOPBACK = "127.0.0.1";
    private static final int EVENT_LIMIT = 5_000;
    private static final int WATCH_HISTORY = 10_000;
    private static final int EVENT_LOOP_THREADS = 2;
    private static final long FAULT_SEED = 42;

    public static SimulatorSettings defaults() {
        return new SimulatorSettings(LOOPBACK, 0, 0, ClusterShape.defaults(), ModelCatalog.defaults(),
                KubeletSettings.defaults(), SimulatedNodes.NodeResources.defaults(), EVENT_LIMIT, WATCH_HISTORY,
                EVENT_LOOP_THREADS, FAULT_SEED, Clock.systemUTC(), TrafficSettings.defaults());
    }

    public SimulatorSettings withHost(String value) {
        return new SimulatorSettings(value, port, adminPort, shape, catalog, kubelet, nodeResources, eventLimit,
                watchHistory, eventLoopThreads, faultSeed, clock, traffic);
    }

    public SimulatorSettings withPort(int value) {
        return new SimulatorSettings(host, value, adminPort, shape, catalog, kubelet, nodeResources, eventLimit,
                watchHistory, eventLoopThreads, faultSeed, clock, traffic);
    }

    public SimulatorSettings withAdminPort(int value) {
        return new SimulatorSettings(host, port, value, shape, catalog, kubelet, nodeResources, eventLimit,
                watchHistory, eventLoopThreads, faultSeed, clock, traffic);
    }

    public SimulatorSettings withShape(ClusterShape value) {
        return new SimulatorSettings(host, port, adminPort, value, catalog, kubelet, nodeResources, eventLimit,
                watchHistory, eventLoopThreads, faultSeed, clock, traffic);
    }

    public SimulatorSettings withCatalog(ModelCatalog value) {
        return new SimulatorSettings(host, port, adminPort, shape, value, kubelet, nodeResources, eventLimit,
                watchHistory, eventLoopThreads, faultSeed, clock, traffic);
    }

    public SimulatorSettings withKubelet(KubeletSettings value) {
        return new SimulatorSettings(host, port, adminPort, shape, catalog, value, nodeResources, eventLimit,
                watchHistory, eventLoopThreads, faultSeed, clock, traffic);
    }

    public SimulatorSettings withNodeResources(SimulatedNodes.NodeResources value) {
        return new SimulatorSettings(host, port, adminPort, shape, catalog, kubelet, value, eventLimit, watchHistory,
                eventLoopThreads, faultSeed, clock, traffic);
    }

    public SimulatorSettings withFaultSeed(long value) {
        return new SimulatorSettings(host, port, adminPort, shape, catalog, kubelet, nodeResources, eventLimit,
                watchHistory, eventLoopThreads, value, clock, traffic);
    }

    public SimulatorSettings withClock(Clock value) {
        return new SimulatorSettings(host, port, adminPort, shape, catalog, kubelet, nodeResources, eventLimit,
                watchHistory, eventLoopThreads, faultSeed, value, traffic);
    }

    public SimulatorSettings withTraffic(TrafficSettings value) {
        return new SimulatorSettings(host, port, adminPort, shape, catalog, kubelet, nodeResources, eventLimit,
                watchHistory, eventLoopThreads, faultSeed, clock, value);
    }
}
