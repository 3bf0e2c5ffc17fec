package io.inferctl.simulator;

import io.inferctl.simulator.cluster.ClusterShape;
import io.inferctl.simulator.cluster.SimulatedNodes;
import io.inferctl.simulator.engine.ModelCatalog;
import io.inferctl.simulator.kubelet.Backoff;
import io.inferctl.simulator.kubelet.ImagePolicy;
import io.inferctl.simulator.kubelet.KubeletSettings;
import io.inferctl.simulator.kubelet.PhaseDurations;
import io.inferctl.simulator.traffic.TrafficSettings;
import java.time.Clock;

/** Builds a simulator from defaults a user would pick: the default shape and catalog, realistic phases. */
public final class SimulatorBuilder {

    private SimulatorSettings settings = SimulatorSettings.defaults();

    public SimulatorBuilder host(String host) {
        settings = settings.withHost(host);
        return this;
    }

    public SimulatorBuilder port(int port) {
        settings = settings.withPort(port);
        return this;
    }

    public SimulatorBuilder adminPort(int adminPort) {
        settings = settings.withAdminPort(adminPort);
        return this;
    }

    public SimulatorBuilder shape(ClusterShape shape) {
        settings = settings.withShape(shape);
        return this;
    }

    public SimulatorBuilder catalog(ModelCatalog catalog) {
        settings = settings.withCatalog(catalog);
        return this;
    }

    public SimulatorBuilder phaseDurations(PhaseDurations phases) {
        settings = settings.withKubelet(settings.kubelet().withPhases(phases));
        return this;
    }

    /** Back-off between restarts of a crashing engine and between pulls of a missing image. */
    public SimulatorBuilder backoff(Backoff backoff) {
        settings = settings.withKubelet(settings.kubelet().withBackoff(backoff));
        return this;
    }

    public SimulatorBuilder missingImages(ImagePolicy images) {
        settings = settings.withKubelet(settings.kubelet().withImages(images));
        return this;
    }

    public SimulatorBuilder kubelet(KubeletSettings kubelet) {
        settings = settings.withKubelet(kubelet);
        return this;
    }

    public SimulatorBuilder nodeResources(SimulatedNodes.NodeResources resources) {
        settings = settings.withNodeResources(resources);
        return this;
    }

    public SimulatorBuilder clock(Clock clock) {
        settings = settings.withClock(clock);
        return this;
    }

    public SimulatorBuilder faultSeed(long seed) {
        settings = settings.withFaultSeed(seed);
        return this;
    }

    /** Everything instant and restarts fast: what a test wants. */
    public SimulatorBuilder forTests() {
        return phaseDurations(PhaseDurations.zero()).backoff(Backoff.fast());
    }

    public SimulatorBuilder settings(SimulatorSettings newSettings) {
        settings = newSettings;
        return this;
    }

    /** Requests per second every endpoint receives from the synthetic load; 0 turns it off. */
    public SimulatorBuilder requestsPerSecond(int requestsPerSecond) {
        settings = settings.withTraffic(settings.traffic().withRequestsPerSecond(requestsPerSecond));
        return this;
    }

    public SimulatorBuilder traffic(TrafficSettings traffic) {
        settings = settings.withTraffic(traffic);
        return this;
    }

    public GpuClusterSimulator build() {
        return new GpuClusterSimulator(settings);
    }
}
