package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.events.EventRecorder;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Conditions;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.ResourceType;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.Optional;

/**
 * Accepts autoscaling/v2 HorizontalPodAutoscalers and reflects them in status. There is no metrics
 * server, so the controller does what the upstream one does when metrics are missing: it keeps the
 * target's replicas within {@code minReplicas..maxReplicas} (and leaves a target scaled to zero alone)
 * and reports {@code ScalingActive=False}.
 */
public final class HorizontalPodAutoscalerController implements Reconciler {

    static final String COMPONENT = "horizontal-pod-autoscaler";
    private static final String NO_METRICS = "the simulated cluster has no metrics server; replicas are only kept "
            + "within minReplicas and maxReplicas";

    private final ClusterStore store;
    private final EventRecorder events;

    public HorizontalPodAutoscalerController(ClusterStore store, EventRecorder events) {
        this.store = store;
        this.events = events;
    }

    @Override
    public void reconcile(ControlLoop loop) {
        for (ObjectNode hpa : store.list(ResourceTypes.HORIZONTAL_POD_AUTOSCALERS, null)) {
            if (!Meta.isBeingDeleted(hpa)) {
                sync(hpa, loop);
            }
        }
    }

    private void sync(ObjectNode hpa, ControlLoop loop) {
        JsonNode spec = hpa.path("spec");
        JsonNode ref = spec.path("scaleTargetRef");
        String now = Json.time(loop.now());
        Optional<ResourceType> targetType = ResourceTypes.byApiVersionKind(ref.path("apiVersion").asText("apps/v1"),
                ref.path("kind").asText())
                .filter(t -> t.hasScale());
        ObjectNode status = hpa.path("status").isObject() ? hpa.path("status").deepCopy() : Json.object();
        Optional<ObjectNode> target = targetType.flatMap(t ->
                store.get(ObjectKey.of(t, Meta.namespace(hpa), ref.path("name").asText())));
        if (target.isEmpty()) {
            Conditions.set(status, "AbleToScale", "False", "FailedGetScale",
                    "the HPA controller was unable to get the target's current scale: " + ref.path("kind").asText()
                            + " \"" + ref.path("name").asText() + "\" not found", now);
            writeStatus(hpa, status);
            return;
        }
        int min = spec.path("minReplicas").asInt(1);
        int max = spec.path("maxReplicas").asInt(min);
        int specReplicas = target.get().path("spec").path("replicas").asInt(1);
        status.put("currentReplicas", target.get().path("status").path("replicas").asInt(0));
        Conditions.set(status, "AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size", now);
        if (specReplicas == 0 && min > 0) {
            status.put("desiredReplicas", 0);
            Conditions.set(status, "ScalingActive", "False", "ScalingDisabled",
                    "scaling is disabled since the replica count of the target is zero", now);
            writeStatus(hpa, status);
            return;
        }
        int desired = Math.max(min, Math.min(max, specReplicas));
        status.put("desiredReplicas", desired);
        Conditions.set(status, "ScalingActive", "False", "FailedGetResourceMetric", NO_METRICS, now);
        if (desired > specReplicas) {
            Conditions.set(status, "ScalingLimited", "True", "TooFewReplicas",
                    "the desired replica count is less than the minimum replica count", now);
        } else if (desired < specReplicas) {
            Conditions.set(status, "ScalingLimited", "True", "TooManyReplicas",
                    "the desired replica count is more than the maximum replica count", now);
        } else {
            Conditions.set(status, "ScalingLimited", "False", "DesiredWithinRange",
                    "the desired count is within the acceptable range", now);
        }
        if (desired != specReplicas) {
            store.update(Meta.key(targetType.get(), target.get()), t -> {
                t.with("spec").put("replicas", desired);
                return t;
            });
            status.put("lastScaleTime", now);
            String reason = desired > specReplicas ? "Current number of replicas below Spec.MinReplicas"
                    : "Current number of replicas above Spec.MaxReplicas";
            events.record(hpa, EventRecorder.NORMAL, "SuccessfulRescale", "New size: " + desired + "; reason: " + reason,
                    COMPONENT, null);
        }
        writeStatus(hpa, status);
    }

    private void writeStatus(ObjectNode hpa, ObjectNode status) {
        status.put("observedGeneration", hpa.path("metadata").path("generation").asLong(1));
        store.updateIfPresent(Meta.key(ResourceTypes.HORIZONTAL_POD_AUTOSCALERS, hpa), h -> {
            h.set("status", status);
            return h;
        });
    }
}
