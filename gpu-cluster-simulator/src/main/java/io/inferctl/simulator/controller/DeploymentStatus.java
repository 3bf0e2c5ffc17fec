package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.engine.EngineContract;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Conditions;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ResourceTypes;
import java.time.Instant;
import java.util.List;

/**
 * A Deployment's status: the counts summed over its ReplicaSets, and the {@code Available} and
 * {@code Progressing} conditions following the pods, including {@code ProgressDeadlineExceeded} once
 * {@code progressDeadlineSeconds} pass without progress (the loop is woken for that moment).
 */
final class DeploymentStatus {

    private static final String[] CONDITION_TIMES = {"lastUpdateTime", "lastTransitionTime"};
    private static final long DEADLINE_MARGIN_MILLIS = 50;

    private final ClusterStore store;
    private final ObjectNode deployment;
    private final ControlLoop loop;
    private final RolloutBounds bounds;
    private final int desired;

    DeploymentStatus(ClusterStore store, ObjectNode deployment, ControlLoop loop, RolloutBounds bounds) {
        this.store = store;
        this.deployment = deployment;
        this.loop = loop;
        this.bounds = bounds;
        this.desired = bounds.desired();
    }

    ObjectNode compute(List<ObjectNode> replicaSets, ObjectNode newReplicaSet) {
        ObjectNode status = deployment.path("status").isObject()
                ? deployment.path("status").deepCopy() : Json.object();
        int specTotal = replicaSets.stream().mapToInt(ReplicaSetFields::replicas).sum();
        int actual = replicaSets.stream().mapToInt(rs -> rs.path("status").path("replicas").asInt(0)).sum();
        int updated = newReplicaSet == null ? 0 : newReplicaSet.path("status").path("replicas").asInt(0);
        int ready = replicaSets.stream().mapToInt(rs -> rs.path("status").path("readyReplicas").asInt(0)).sum();
        int available = replicaSets.stream().mapToInt(ReplicaSetFields::available).sum();
        status.put("observedGeneration", deployment.path("metadata").path("generation").asLong(1));
        ReplicaSetController.putOrOmit(status, "replicas", actual);
        ReplicaSetController.putOrOmit(status, "updatedReplicas", updated);
        ReplicaSetController.putOrOmit(status, "readyReplicas", ready);
        ReplicaSetController.putOrOmit(status, "availableReplicas", available);
        ReplicaSetController.putOrOmit(status, "unavailableReplicas", Math.max(specTotal - available, 0));
        String now = Json.time(loop.now());
        if (available >= desired - bounds.maxUnavailable()) {
            Conditions.set(status, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.",
                    now, CONDITION_TIMES);
        } else {
            Conditions.set(status, "Available", "False", "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability.", now, CONDITION_TIMES);
        }
        return status;
    }

    void sync(List<ObjectNode> replicaSets, ObjectNode newReplicaSet) {
        ObjectNode status = compute(replicaSets, newReplicaSet);
        String rsName = newReplicaSet == null ? "" : Meta.name(newReplicaSet);
        JsonNode progressing = Conditions.find(status, "Progressing").orElse(null);
        String reason = progressing == null ? "" : progressing.path("reason").asText();
        boolean complete = status.path("replicas").asInt(0) == status.path("updatedReplicas").asInt(0)
                && "NewReplicaSetAvailable".equals(reason);
        Instant now = loop.now();
        if (!complete) {
            if (isComplete(status)) {
                Conditions.set(status, "Progressing", "True", "NewReplicaSetAvailable",
                        "ReplicaSet \"" + rsName + "\" has successfully progressed.", Json.time(now), CONDITION_TIMES);
            } else if (madeProgress(deployment.path("status"), status)) {
                replaceProgressing(status, "True", "ReplicaSetUpdated", "ReplicaSet \"" + rsName + "\" is progressing.",
                        now);
            } else if (timedOut(status, now)) {
                Conditions.set(status, "Progressing", "False", EngineContract.REASON_PROGRESS_DEADLINE_EXCEEDED,
                        "ReplicaSet \"" + rsName + "\" has timed out progressing.", Json.time(now), CONDITION_TIMES);
            }
            scheduleDeadlineCheck(status);
        }
        store.updateIfPresent(Meta.key(ResourceTypes.DEPLOYMENTS, deployment), d -> {
            d.set("status", status);
            return d;
        });
    }

    void setProgressing(String value, String reason, String message) {
        ObjectNode status = deployment.with("status");
        replaceProgressing(status, value, reason, message, loop.now());
        store.updateIfPresent(Meta.key(ResourceTypes.DEPLOYMENTS, deployment), d -> {
            ObjectNode stored = d.with("status");
            replaceProgressing(stored, value, reason, message, loop.now());
            return d;
        });
    }

    /** Rewrites the condition so that lastUpdateTime marks this moment of progress. */
    private void replaceProgressing(ObjectNode status, String value, String reason, String message, Instant now) {
        JsonNode previous = Conditions.find(status, "Progressing").orElse(null);
        Conditions.remove(status, "Progressing");
        Conditions.set(status, "Progressing", value, reason, message, Json.time(now), CONDITION_TIMES);
        if (previous != null && value.equals(previous.path("status").asText())) {
            Conditions.find(status, "Progressing")
                    .ifPresent(c -> ((ObjectNode) c).set("lastTransitionTime", previous.get("lastTransitionTime")));
        }
    }

    boolean isComplete(JsonNode status) {
        return status.path("updatedReplicas").asInt(0) == desired
                && status.path("replicas").asInt(0) == desired
                && status.path("availableReplicas").asInt(0) == desired
                && status.path("observedGeneration").asLong(0) >= deployment.path("metadata").path("generation").asLong(1);
    }

    private boolean timedOut(JsonNode status, Instant now) {
        Instant deadline = deadline(status);
        return deadline != null && deadline.isBefore(now);
    }

    private Instant deadline(JsonNode status) {
        if (!deployment.path("spec").has("progressDeadlineSeconds")) {
            return null;
        }
        JsonNode progressing = Conditions.find(status, "Progressing").orElse(null);
        if (progressing == null) {
            return null;
        }
        String reason = progressing.path("reason").asText();
        if ("NewReplicaSetAvailable".equals(reason) || EngineContract.REASON_PROGRESS_DEADLINE_EXCEEDED.equals(reason)) {
            return null;
        }
        Instant from = Json.parseTime(progressing.path("lastUpdateTime").asText(null));
        return from == null ? null : from.plusSeconds(deployment.path("spec").path("progressDeadlineSeconds").asLong());
    }

    private void scheduleDeadlineCheck(JsonNode status) {
        Instant deadline = deadline(status);
        if (deadline != null) {
            loop.wakeAt(deadline.plusMillis(DEADLINE_MARGIN_MILLIS));
        }
    }

    /** Whether the counts moved the way a rollout moves forward, as upstream's DeploymentProgressing says. */
    private static boolean madeProgress(JsonNode before, JsonNode after) {
        int oldOld = before.path("replicas").asInt(0) - before.path("updatedReplicas").asInt(0);
        int newOld = after.path("replicas").asInt(0) - after.path("updatedReplicas").asInt(0);
        return after.path("updatedReplicas").asInt(0) > before.path("updatedReplicas").asInt(0)
                || newOld < oldOld
                || after.path("readyReplicas").asInt(0) > before.path("readyReplicas").asInt(0)
                || after.path("availableReplicas").asInt(0) > before.path("availableReplicas").asInt(0);
    }
}
