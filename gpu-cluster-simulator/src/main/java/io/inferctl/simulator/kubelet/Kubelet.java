package io.inferctl.simulator.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.cluster.SimulatedNodes;
import io.inferctl.simulator.controller.ControlLoop;
import io.inferctl.simulator.controller.Reconciler;
import io.inferctl.simulator.engine.EngineContract;
import io.inferctl.simulator.engine.SimulatedEngine;
import io.inferctl.simulator.events.EventRecorder;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Deletion;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ResourceTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kubelet of every simulated node: runs the pods bound to them through image pull, model download
 * and engine start until they are ready, lets an engine that refuses its model or arguments exit and
 * restarts it with growing back-off (CrashLoopBackOff), and stops deleted pods. Container processes
 * exist only as {@link PodRuntime} records in memory; the pod status is what the API shows of them
 * ({@link PodStatus}).
 */
public final class Kubelet implements Reconciler {

    private static final String COMPONENT = "kubelet";
    private static final String ENGINE_COMPONENT = "inference-engine";
    private static final int MAX_TRANSITIONS_PER_PASS = 64;
    private static final int FIRST_POD_HOST = 2;
    private static final int LAST_POD_HOST = 254;

    private final ClusterStore store;
    private final EventRecorder events;
    private final KubeletSettings settings;
    private final SimulatedEngine engine;
    private final Map<String, PodRuntime> runtimes = new HashMap<>();

    public Kubelet(ClusterStore store, EventRecorder events, KubeletSettings settings, SimulatedEngine engine) {
        this.store = store;
        this.events = events;
        this.settings = settings;
        this.engine = engine;
    }

    @Override
    public void reconcile(ControlLoop loop) {
        Map<String, JsonNode> nodes = new HashMap<>();
        store.list(ResourceTypes.NODES, null).forEach(n -> nodes.put(Meta.name(n), n));
        List<ObjectNode> pods = store.list(ResourceTypes.PODS, null);
        Set<String> seen = new HashSet<>();
        Instant now = loop.now();
        for (ObjectNode pod : pods) {
            String nodeName = pod.path("spec").path("nodeName").asText("");
            if (nodeName.isEmpty()) {
                continue;
            }
            seen.add(Meta.uid(pod));
            JsonNode node = nodes.get(nodeName);
            if (node == null) {
                // The pod garbage collector's job on a real cluster: a pod whose node is gone cannot run anywhere.
                store.remove(Meta.key(ResourceTypes.PODS, pod));
                continue;
            }
            if (Deletion.isTerminal(pod)) {
                continue;
            }
            syncPod(pod, node, pods, now, loop);
        }
        runtimes.keySet().retainAll(seen);
    }

    private void syncPod(ObjectNode pod, JsonNode node, List<ObjectNode> pods, Instant now, ControlLoop loop) {
        PodRuntime runtime = runtimes.get(Meta.uid(pod));
        if (runtime == null) {
            runtime = new PodRuntime(now, allocateIp(node, pods), SimulatedNodes.internalIp(node),
                    PodSpecs.engineContainer(pod));
            runtimes.put(Meta.uid(pod), runtime);
            if (!Meta.isBeingDeleted(pod)) {
                beginPull(pod, runtime, now);
            }
        }
        if (Meta.isBeingDeleted(pod)) {
            if (runtime.stage != PodRuntime.Stage.TERMINATING) {
                long graceSeconds = pod.path("metadata").path("deletionGracePeriodSeconds").asLong(0);
                Duration shutdown = min(settings.phases().termination(), Duration.ofSeconds(graceSeconds));
                runtime.enter(PodRuntime.Stage.TERMINATING, now, now.plus(shutdown));
                for (JsonNode container : pod.path("spec").path("containers")) {
                    events.record(pod, EventRecorder.NORMAL, "Killing",
                            "Stopping container " + container.path("name").asText(), COMPONENT, Meta.name(node));
                }
            }
            if (!now.isBefore(runtime.stageEndsAt)) {
                store.remove(Meta.key(ResourceTypes.PODS, pod));
                runtimes.remove(Meta.uid(pod));
                return;
            }
        } else {
            advance(pod, runtime, now, Meta.name(node));
        }
        PodStatus.write(store, pod, runtime, now);
        if (runtime.stageEndsAt != null) {
            loop.wakeAt(runtime.stageEndsAt);
        }
    }

    private void advance(ObjectNode pod, PodRuntime runtime, Instant now, String host) {
        for (int i = 0; i < MAX_TRANSITIONS_PER_PASS && runtime.stageEndsAt != null
                && !now.isBefore(runtime.stageEndsAt); i++) {
            Instant at = runtime.stageEndsAt;
            switch (runtime.stage) {
                case PULLING -> finishPull(pod, runtime, at, host);
                case IMAGE_PULL_BACKOFF -> beginPull(pod, runtime, at);
                case DOWNLOADING -> finishDownload(pod, runtime, at, host);
                case STARTING_ENGINE -> runtime.enter(PodRuntime.Stage.RUNNING, at, null);
                case CRASH_BACKOFF -> startContainers(pod, runtime, at, host, true);
                default -> runtime.stageEndsAt = null;
            }
        }
    }

    private void beginPull(ObjectNode pod, PodRuntime runtime, Instant at) {
        runtime.enter(PodRuntime.Stage.PULLING, at, at.plus(settings.phases().imagePull()));
        for (String image : PodSpecs.images(pod)) {
            events.record(pod, EventRecorder.NORMAL, "Pulling", "Pulling image \"" + image + "\"", COMPONENT,
                    pod.path("spec").path("nodeName").asText());
        }
    }

    private void finishPull(ObjectNode pod, PodRuntime runtime, Instant at, String host) {
        Optional<String> missing = PodSpecs.images(pod).stream().filter(settings.images()::isMissing).findFirst();
        if (missing.isPresent()) {
            String image = missing.get();
            runtime.pullFailures++;
            String error = "rpc error: code = NotFound desc = failed to pull and unpack image \"" + image
                    + "\": not found";
            events.record(pod, EventRecorder.WARNING, "Failed", "Failed to pull image \"" + image + "\": " + error,
                    COMPONENT, host);
            events.record(pod, EventRecorder.WARNING, "Failed", "Error: ErrImagePull", COMPONENT, host);
            events.record(pod, EventRecorder.NORMAL, "BackOff", "Back-off pulling image \"" + image + "\"", COMPONENT,
                    host);
            runtime.waitingMessage = "Back-off pulling image \"" + image + "\": ErrImagePull: " + error;
            runtime.enter(PodRuntime.Stage.IMAGE_PULL_BACKOFF, at,
                    at.plus(settings.imagePullBackoff().after(runtime.pullFailures)));
            return;
        }
        for (String image : PodSpecs.images(pod)) {
            events.record(pod, EventRecorder.NORMAL, "Pulled", "Successfully pulled image \"" + image + "\" in "
                    + settings.phases().imagePull().toMillis() + "ms", COMPONENT, host);
        }
        startContainers(pod, runtime, at, host, false);
    }

    private void startContainers(ObjectNode pod, PodRuntime runtime, Instant at, String host, boolean restart) {
        runtime.imagesPulled = true;
        for (JsonNode container : pod.path("spec").path("containers")) {
            boolean isEngine = container.path("name").asText().equals(runtime.engineContainer);
            if (restart && !isEngine) {
                continue;
            }
            String name = container.path("name").asText();
            if (restart) {
                events.record(pod, EventRecorder.NORMAL, "Pulled", "Container image \"" + container.path("image").asText()
                        + "\" already present on machine", COMPONENT, host);
            }
            events.record(pod, EventRecorder.NORMAL, "Created", "Created container: " + name, COMPONENT, host);
            events.record(pod, EventRecorder.NORMAL, "Started", "Started container " + name, COMPONENT, host);
        }
        runtime.containerStartedAt = at;
        runtime.startCount++;
        JsonNode engineContainer = PodSpecs.container(pod, runtime.engineContainer);
        if (engineContainer == null) {
            runtime.enter(PodRuntime.Stage.RUNNING, at, null);
            return;
        }
        Optional<SimulatedEngine.Failure> refused = engine.parseArguments(engineContainer);
        if (refused.isPresent()) {
            crash(pod, runtime, at, host, refused.get());
            return;
        }
        events.record(pod, EventRecorder.NORMAL, "ModelDownloading", "Downloading model "
                + PodSpecs.envValue(engineContainer, EngineContract.ENV_MODEL_SOURCE), ENGINE_COMPONENT, host);
        runtime.enter(PodRuntime.Stage.DOWNLOADING, at, at.plus(settings.phases().modelDownload()));
    }

    private void finishDownload(ObjectNode pod, PodRuntime runtime, Instant at, String host) {
        JsonNode engineContainer = PodSpecs.container(pod, runtime.engineContainer);
        Optional<SimulatedEngine.Failure> failure = engine.downloadModel(engineContainer)
                .or(() -> engine.initialise(engineContainer));
        if (failure.isPresent()) {
            crash(pod, runtime, at, host, failure.get());
            return;
        }
        runtime.enter(PodRuntime.Stage.STARTING_ENGINE, at, at.plus(settings.phases().engineStart()));
    }

    private void crash(ObjectNode pod, PodRuntime runtime, Instant at, String host, SimulatedEngine.Failure failure) {
        runtime.restarts++;
        runtime.lastExitCode = failure.exitCode();
        runtime.lastMessage = failure.message();
        runtime.lastFinishedAt = at;
        Duration backoff = settings.crashLoopBackoff().after(runtime.restarts);
        String reason = failure.message().substring(0, Math.max(failure.message().indexOf(':'), 0));
        events.record(pod, EventRecorder.WARNING, reason.isEmpty() ? "Failed" : reason, failure.message(),
                ENGINE_COMPONENT, host);
        events.record(pod, EventRecorder.WARNING, "BackOff", "Back-off restarting failed container "
                + runtime.engineContainer + " in pod " + PodSpecs.podDescription(pod), COMPONENT, host);
        runtime.waitingMessage = "back-off " + humanSeconds(backoff) + " restarting failed container="
                + runtime.engineContainer + " pod=" + PodSpecs.podDescription(pod);
        runtime.enter(PodRuntime.Stage.CRASH_BACKOFF, at, at.plus(backoff));
    }

    private String allocateIp(JsonNode node, List<ObjectNode> pods) {
        String cidr = node.path("spec").path("podCIDR").asText("10.244.0.0/24");
        String prefix = cidr.substring(0, cidr.lastIndexOf('.') + 1);
        Set<String> used = new HashSet<>();
        pods.forEach(p -> used.add(p.path("status").path("podIP").asText("")));
        runtimes.values().forEach(r -> used.add(r.podIp));
        for (int host = FIRST_POD_HOST; host <= LAST_POD_HOST; host++) {
            if (!used.contains(prefix + host)) {
                return prefix + host;
            }
        }
        return prefix + LAST_POD_HOST;
    }

    private static String humanSeconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
