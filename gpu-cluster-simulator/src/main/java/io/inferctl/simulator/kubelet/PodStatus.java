package io.inferctl.simulator.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.engine.EngineContract;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Conditions;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ResourceTypes;
import java.time.Instant;

/**
 * What the API shows of a pod's runtime: its phase, addresses, conditions and one status per
 * container, with the waiting reasons ({@code ContainerCreating}, {@code ImagePullBackOff},
 * {@code CrashLoopBackOff}) and last termination a client reads to tell why a pod is not ready.
 */
final class PodStatus {

    private PodStatus() {
    }

    static void write(ClusterStore store, ObjectNode pod, PodRuntime runtime, Instant now) {
        String time = Json.time(now);
        store.updateIfPresent(Meta.key(ResourceTypes.PODS, pod), p -> {
            ObjectNode status = p.with("status");
            boolean podReady = runtime.stage == PodRuntime.Stage.RUNNING;
            status.put("phase", runtime.imagesPulled ? "Running" : "Pending");
            status.put("hostIP", runtime.hostIp);
            status.putArray("hostIPs").addObject().put("ip", runtime.hostIp);
            status.put("podIP", runtime.podIp);
            status.putArray("podIPs").addObject().put("ip", runtime.podIp);
            status.put("startTime", Json.time(runtime.createdAt));
            Conditions.set(status, "PodReadyToStartContainers", "True", null, null, time, "lastProbeTime",
                    "lastTransitionTime");
            Conditions.set(status, "Initialized", "True", null, null, time, "lastProbeTime", "lastTransitionTime");
            ArrayNode containerStatuses = Json.array();
            StringBuilder notReady = new StringBuilder();
            for (JsonNode container : p.path("spec").path("containers")) {
                String name = container.path("name").asText();
                ObjectNode containerStatus = containerStatus(container, runtime, name.equals(runtime.engineContainer), pod);
                if (!containerStatus.path("ready").asBoolean()) {
                    notReady.append(notReady.length() == 0 ? "" : " ").append(name);
                }
                containerStatuses.add(containerStatus);
            }
            status.set("containerStatuses", containerStatuses);
            boolean ready = podReady && notReady.length() == 0 && !Meta.isBeingDeleted(p);
            String message = ready ? null : "containers with unready status: [" + notReady + "]";
            String reason = ready ? null : "ContainersNotReady";
            Conditions.set(status, "Ready", ready ? "True" : "False", reason, message, time, "lastProbeTime",
                    "lastTransitionTime");
            Conditions.set(status, "ContainersReady", ready ? "True" : "False", reason, message, time, "lastProbeTime",
                    "lastTransitionTime");
            return p;
        });
    }

    private static ObjectNode containerStatus(JsonNode container, PodRuntime runtime, boolean isEngine, JsonNode pod) {
        String name = container.path("name").asText();
        String image = container.path("image").asText();
        ObjectNode status = Json.object();
        status.put("name", name);
        status.put("image", image);
        boolean started = runtime.containerStartedAt != null;
        if (runtime.imagesPulled) {
            status.put("imageID", "sha256:" + PodRuntime.hex(image, 64));
        }
        ObjectNode state = status.putObject("state");
        ObjectNode lastState = status.putObject("lastState");
        boolean running;
        if (!started) {
            ObjectNode waiting = state.putObject("waiting");
            boolean backoff = runtime.stage == PodRuntime.Stage.IMAGE_PULL_BACKOFF;
            waiting.put("reason", backoff ? EngineContract.REASON_IMAGE_PULL_BACKOFF : "ContainerCreating");
            if (backoff) {
                waiting.put("message", runtime.waitingMessage);
            }
            running = false;
        } else if (isEngine && runtime.stage == PodRuntime.Stage.CRASH_BACKOFF) {
            ObjectNode waiting = state.putObject("waiting");
            waiting.put("reason", EngineContract.REASON_CRASH_LOOP_BACK_OFF);
            waiting.put("message", runtime.waitingMessage);
            running = false;
        } else {
            state.putObject("running").put("startedAt", Json.time(isEngine ? runtime.containerStartedAt
                    : runtime.firstStartedAt()));
            running = true;
        }
        if (isEngine && runtime.restarts > 0) {
            ObjectNode terminated = lastState.putObject("terminated");
            terminated.put("exitCode", runtime.lastExitCode);
            terminated.put("reason", "Error");
            terminated.put("message", runtime.lastMessage);
            terminated.put("startedAt", Json.time(runtime.lastFinishedAt));
            terminated.put("finishedAt", Json.time(runtime.lastFinishedAt));
            terminated.put("containerID", runtime.containerId(Meta.uid(pod), name, runtime.startCount - 1));
        }
        boolean ready = running && (!isEngine || runtime.stage == PodRuntime.Stage.RUNNING)
                && runtime.stage != PodRuntime.Stage.TERMINATING;
        status.put("ready", ready);
        status.put("restartCount", isEngine ? runtime.restarts : 0);
        status.put("started", running);
        if (started) {
            status.put("containerID", runtime.containerId(Meta.uid(pod), name, runtime.startCount));
        }
        return status;
    }
}
