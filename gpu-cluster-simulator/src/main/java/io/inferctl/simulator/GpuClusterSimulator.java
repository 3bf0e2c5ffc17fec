package io.inferctl.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.inferctl.simulator.admin.AdminServer;
import io.inferctl.simulator.admin.TrafficAdmin;
import io.inferctl.simulator.api.KubernetesApiServer;
import io.inferctl.simulator.api.PodHttp;
import io.inferctl.simulator.cluster.NodeOperations;
import io.inferctl.simulator.controller.ControlLoop;
import io.inferctl.simulator.controller.DeploymentController;
import io.inferctl.simulator.controller.EndpointSliceController;
import io.inferctl.simulator.controller.GarbageCollector;
import io.inferctl.simulator.controller.HorizontalPodAutoscalerController;
import io.inferctl.simulator.controller.HttpRouteStatusController;
import io.inferctl.simulator.controller.ReplicaSetController;
import io.inferctl.simulator.engine.SimulatedEngine;
import io.inferctl.simulator.events.EventRecorder;
import io.inferctl.simulator.faults.EngineFaults;
import io.inferctl.simulator.faults.FaultInjector;
import io.inferctl.simulator.kubelet.Kubelet;
import io.inferctl.simulator.scheduling.Scheduler;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.traffic.EngineMetrics;
import io.inferctl.simulator.traffic.SyntheticLoad;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A simulated GPU cluster behind a Kubernetes API, started in-process:
 *
 * <pre>{@code
 * try (GpuClusterSimulator sim = GpuClusterSimulator.builder()
 *     .shape(ClusterShape.parse("1xNVIDIA_H100:8"))
 *     .phaseDurations(PhaseDurations.zero())
 *     .build()
 *     .start()) {
 *   KubernetesClient client = sim.client();
 *   ...
 * }
 * }</pre>
 */
public final class GpuClusterSimulator implements AutoCloseable {

    /** Namespaces every cluster starts with. */
    public static final List<String> INITIAL_NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");

    private final SimulatorSettings settings;
    private ClusterStore store;
    private Vertx vertx;
    private KubernetesApiServer apiServer;
    private AdminServer adminServer;
    private ControlLoop controlLoop;
    private FaultInjector faults;
    private final EngineFaults engineFaults = new EngineFaults();
    private SyntheticLoad load;
    private NodeOperations nodes;
    private KubernetesClient client;
    private boolean started;

    GpuClusterSimulator(SimulatorSettings settings) {
        this.settings = settings;
    }

    public static SimulatorBuilder builder() {
        return new SimulatorBuilder();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** Starts the API and admin servers and the controllers; returns when both ports listen. */
    public synchronized GpuClusterSimulator start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        store = new ClusterStore(settings.clock(), settings.watchHistory());
        seed();
        EventRecorder events = new EventRecorder(store, settings.eventLimit());
        faults = new FaultInjector(settings.clock(), settings.faultSeed());
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(settings.eventLoopThreads())
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        load = new SyntheticLoad(store, settings.traffic(), engineFaults);
        apiServer = new KubernetesApiServer(vertx, store, faults, this::answerInPod, settings.host(), settings.port());
        adminServer = new AdminServer(vertx, faults, nodes, new TrafficAdmin(load, engineFaults), settings.host(),
                settings.adminPort());
        controlLoop = new ControlLoop(store, List.of(
                new DeploymentController(store, events),
                new ReplicaSetController(store, events),
                new Scheduler(store, events),
                new Kubelet(store, events, settings.kubelet(), new SimulatedEngine(settings.catalog())),
                new EndpointSliceController(store),
                new HttpRouteStatusController(store),
                new HorizontalPodAutoscalerController(store, events),
                new GarbageCollector(store)));
        try {
            apiServer.start().toCompletionStage().toCompletableFuture().join();
            adminServer.start().toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("could not start the simulator: " + e.getMessage(), e);
        }
        controlLoop.start();
        load.start();
        return this;
    }

    /** Inside a pod only the engine's metrics page is served. */
    private Optional<PodHttp.Answer> answerInPod(JsonNode pod, int port, String path) {
        return "/metrics".equals(path)
                ? Optional.of(new PodHttp.Answer(EngineMetrics.CONTENT_TYPE, load.metrics().render(pod)))
                : Optional.empty();
    }

    private void seed() {
        ClusterSeed.plant(store, INITIAL_NAMESPACES);
        nodes = new NodeOperations(store, settings.nodeResources());
        nodes.create(settings.shape());
    }

    /** The Kubernetes API, e.g. {@code http://127.0.0.1:6443}. */
    public String kubernetesUrl() {
        return "http://" + settings.host() + ":" + apiServer.port();
    }

    /** The admin API for faults and nodes. */
    public String adminUrl() {
        return "http://" + settings.host() + ":" + adminServer.port();
    }

    /** A fabric8 client configuration for this cluster, ignoring any kubeconfig of the machine. */
    public Config clientConfig() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(kubernetesUrl())
                .withNamespace("default")
                .withTrustCerts(true)
                .build();
    }

    /** A shared client, closed with the simulator. */
    public synchronized KubernetesClient client() {
        if (client == null) {
            client = newClient(config -> config);
        }
        return client;
    }

    /** A new client the caller closes, for instance with retries turned off to see faults unfiltered. */
    public KubernetesClient newClient(UnaryOperator<ConfigBuilder> customizer) {
        Config config = customizer.apply(new ConfigBuilder(clientConfig())).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Fault injection on the Kubernetes API, the same the admin API drives. */
    public FaultInjector faults() {
        return faults;
    }

    /** The synthetic request load on every endpoint: its rate, what it saw, a round on demand. */
    public SyntheticLoad traffic() {
        return load;
    }

    /** Engine faults: a version's error rate or latency going bad some time after its pods became ready. */
    public EngineFaults engineFaults() {
        return engineFaults;
    }

    /** Adding, cordoning and removing nodes, and their GPU accounting. */
    public NodeOperations nodes() {
        return nodes;
    }

    /** Free GPUs by node name. */
    public Map<String, Integer> freeGpus() {
        return nodes.freeGpus();
    }

    public int freeGpus(String node) {
        return nodes.summary(node).freeGpus();
    }

    /** Breaks every open watch, as an API server restart would. */
    public void closeWatches() {
        apiServer.closeWatches();
    }

    /** Writes a kubeconfig whose current context points at this cluster. */
    public Path writeKubeconfig(Path file) throws IOException {
        return Kubeconfig.write(file, kubernetesUrl());
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (load != null) {
            load.close();
        }
        if (controlLoop != null) {
            controlLoop.close();
        }
        if (apiServer != null) {
            closeQuietly(apiServer);
        }
        if (adminServer != null) {
            closeQuietly(adminServer);
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            vertx = null;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // the server may not have started; there is nothing left to release then
        }
    }
}
