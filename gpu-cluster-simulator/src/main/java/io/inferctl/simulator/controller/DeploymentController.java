package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.engine.EngineContract;
import io.inferctl.simulator.events.EventRecorder;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Conditions;
import io.inferctl.simulator.store.Defaults;
import io.inferctl.simulator.store.Deletion;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.ResourceTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Deployment controller: one ReplicaSet per pod template, rolled from old to new within
 * {@code maxSurge} and {@code maxUnavailable} (or all at once for {@code Recreate}), and a status whose
 * {@code Available} and {@code Progressing} conditions follow the pods, including
 * {@code ProgressDeadlineExceeded} once {@code progressDeadlineSeconds} pass without progress. The
 * rolling algorithm is the upstream one (scale up the new set as far as surge allows, then scale down
 * old sets as far as availability allows), so a rollout that cannot get a GPU for its surge pod stalls
 * exactly as it would on a real cluster.
 */
public final class DeploymentController implements Reconciler {

    static final String COMPONENT = "deployment-controller";
    static final String REVISION = "deployment.kubernetes.io/revision";
    private static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    private static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    private static final String[] CONDITION_TIMES = {"lastUpdateTime", "lastTransitionTime"};
    private static final long DEADLINE_MARGIN_MILLIS = 50;

    private final ClusterStore store;
    private final EventRecorder events;
    private final Deletion deletion;

    public DeploymentController(ClusterStore store, EventRecorder events) {
        this.store = store;
        this.events = events;
        this.deletion = new Deletion(store);
    }

    @Override
    public void reconcile(ControlLoop loop) {
        List<ObjectNode> replicaSets = store.list(ResourceTypes.REPLICA_SETS, null);
        for (ObjectNode deployment : store.list(ResourceTypes.DEPLOYMENTS, null)) {
            if (Meta.isBeingDeleted(deployment)) {
                continue;
            }
            List<ObjectNode> owned = new ArrayList<>(replicaSets.stream()
                    .filter(rs -> Meta.uid(deployment).equals(Meta.controllerUid(rs)))
                    .sorted(Comparator.comparing(Meta::created).thenComparing(Meta::name))
                    .toList());
            new Rollout(deployment, owned, loop).sync();
        }
    }

    /** One reconciliation of one Deployment over local copies of its ReplicaSets. */
    private final class Rollout {

        private final ObjectNode deployment;
        private final List<ObjectNode> replicaSets;
        private final ControlLoop loop;
        private final int desired;
        private ObjectNode newReplicaSet;
        private final List<ObjectNode> oldReplicaSets = new ArrayList<>();

        Rollout(ObjectNode deployment, List<ObjectNode> replicaSets, ControlLoop loop) {
            this.deployment = deployment;
            this.replicaSets = replicaSets;
            this.loop = loop;
            this.desired = deployment.path("spec").path("replicas").asInt(1);
            JsonNode template = deployment.path("spec").path("template");
            for (ObjectNode rs : replicaSets) {
                if (newReplicaSet == null && PodTemplates.equalIgnoringHash(rs.path("spec").path("template"), template)) {
                    newReplicaSet = rs;
                } else {
                    oldReplicaSets.add(rs);
                }
            }
        }

        void sync() {
            if ("Recreate".equals(deployment.path("spec").path("strategy").path("type").asText())) {
                recreate();
            } else {
                rollingUpdate();
            }
            syncRevision();
            syncStatus();
        }

        private void rollingUpdate() {
            if (newReplicaSet == null) {
                createNewReplicaSet(newReplicaSetReplicas());
            }
            if (reconcileNewReplicaSet() || reconcileOldReplicaSets()) {
                return;
            }
            if (isComplete(computeStatus())) {
                cleanupOldReplicaSets();
            }
        }

        private void recreate() {
            boolean scaledDown = false;
            for (ObjectNode rs : oldReplicaSets) {
                if (replicas(rs) > 0) {
                    scale(rs, 0);
                    scaledDown = true;
                }
            }
            if (scaledDown || oldReplicaSets.stream().anyMatch(rs -> rs.path("status").path("replicas").asInt(0) > 0)) {
                return;
            }
            if (newReplicaSet == null) {
                createNewReplicaSet(desired);
            } else if (replicas(newReplicaSet) != desired) {
                scale(newReplicaSet, desired);
            }
        }

        private int newReplicaSetReplicas() {
            int current = newReplicaSet == null ? 0 : replicas(newReplicaSet);
            int maxTotal = desired + maxSurge();
            int allPods = replicaSets.stream().mapToInt(DeploymentController::replicas).sum();
            if (allPods >= maxTotal) {
                return current;
            }
            return current + Math.max(0, Math.min(maxTotal - allPods, desired - current));
        }

        private boolean reconcileNewReplicaSet() {
            int current = replicas(newReplicaSet);
            if (current == desired) {
                return false;
            }
            if (current > desired) {
                scale(newReplicaSet, desired);
                return true;
            }
            int target = newReplicaSetReplicas();
            if (target == current) {
                return false;
            }
            scale(newReplicaSet, target);
            return true;
        }

        private boolean reconcileOldReplicaSets() {
            List<ObjectNode> activeOld = oldReplicaSets.stream().filter(rs -> replicas(rs) > 0).toList();
            if (activeOld.isEmpty()) {
                return false;
            }
            int allPods = replicaSets.stream().mapToInt(DeploymentController::replicas).sum();
            int minAvailable = desired - maxUnavailable();
            int newUnavailable = replicas(newReplicaSet) - available(newReplicaSet);
            int maxScaledDown = allPods - minAvailable - newUnavailable;
            if (maxScaledDown <= 0) {
                return false;
            }
            int cleaned = cleanupUnhealthyReplicas(activeOld, maxScaledDown);
            int scaledDown = scaleDownOldForRollingUpdate(minAvailable);
            return cleaned + scaledDown > 0;
        }

        /** Old sets' pods that are not available anyway go first: removing them costs no availability. */
        private int cleanupUnhealthyReplicas(List<ObjectNode> activeOld, int maxCleanup) {
            int total = 0;
            for (ObjectNode rs : activeOld) {
                if (total >= maxCleanup) {
                    break;
                }
                int unhealthy = replicas(rs) - available(rs);
                if (replicas(rs) == 0 || unhealthy <= 0) {
                    continue;
                }
                int count = Math.min(maxCleanup - total, unhealthy);
                scale(rs, replicas(rs) - count);
                total += count;
            }
            return total;
        }

        private int scaleDownOldForRollingUpdate(int minAvailable) {
            int availableNow = replicaSets.stream().mapToInt(DeploymentController::available).sum();
            if (availableNow <= minAvailable) {
                return 0;
            }
            int toScaleDown = availableNow - minAvailable;
            int total = 0;
            for (ObjectNode rs : oldReplicaSets) {
                if (total >= toScaleDown) {
                    break;
                }
                if (replicas(rs) == 0) {
                    continue;
                }
                int count = Math.min(replicas(rs), toScaleDown - total);
                scale(rs, replicas(rs) - count);
                total += count;
            }
            return total;
        }

        private void cleanupOldReplicaSets() {
            int limit = deployment.path("spec").path("revisionHistoryLimit").asInt(Integer.MAX_VALUE);
            List<ObjectNode> removable = oldReplicaSets.stream()
                    .filter(rs -> replicas(rs) == 0 && rs.path("status").path("replicas").asInt(0) == 0)
                    .filter(rs -> !Meta.isBeingDeleted(rs))
                    .toList();
            for (int i = 0; i < removable.size() - limit; i++) {
                deletion.delete(Meta.key(ResourceTypes.REPLICA_SETS, removable.get(i)), Deletion.Propagation.BACKGROUND,
                        null);
            }
        }

        private void createNewReplicaSet(int replicas) {
            JsonNode template = deployment.path("spec").path("template");
            String hash = PodTemplates.hash(template);
            String name = Meta.name(deployment) + "-" + hash;
            ObjectNode rs = Json.object();
            ObjectNode metadata = rs.putObject("metadata");
            metadata.put("name", name);
            metadata.put("namespace", Meta.namespace(deployment));
            ObjectNode labels = template.path("metadata").path("labels").deepCopy();
            labels.put(PodTemplates.HASH_LABEL, hash);
            metadata.set("labels", labels);
            ObjectNode annotations = metadata.putObject("annotations");
            annotations.put(REVISION, Long.toString(maxOldRevision() + 1));
            annotations.put(DESIRED_REPLICAS, Integer.toString(desired));
            annotations.put(MAX_REPLICAS, Integer.toString(desired + maxSurge()));
            metadata.putArray("ownerReferences").add(Meta.controllerReference(deployment));
            ObjectNode spec = rs.putObject("spec");
            spec.put("replicas", replicas);
            if (deployment.path("spec").has("minReadySeconds")) {
                spec.set("minReadySeconds", deployment.path("spec").get("minReadySeconds"));
            }
            ObjectNode selector = deployment.path("spec").path("selector").deepCopy();
            selector.with("matchLabels").put(PodTemplates.HASH_LABEL, hash);
            spec.set("selector", selector);
            ObjectNode rsTemplate = template.deepCopy();
            rsTemplate.with("metadata").with("labels").put(PodTemplates.HASH_LABEL, hash);
            spec.set("template", rsTemplate);
            Defaults.onCreate(ResourceTypes.REPLICA_SETS, rs, store);
            ObjectKey key = ObjectKey.of(ResourceTypes.REPLICA_SETS, Meta.namespace(deployment), name);
            try {
                newReplicaSet = store.create(key, rs);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
                // A set of that name exists but is not ours (or not yet seen as ours): try again next pass.
                loop.wakeAt(loop.now().plusSeconds(1));
                newReplicaSet = rs;
                return;
            }
            replicaSets.add(newReplicaSet);
            events.record(deployment, EventRecorder.NORMAL, "ScalingReplicaSet",
                    "Scaled up replica set " + name + " from 0 to " + replicas, COMPONENT, null);
            setProgressing("True", "NewReplicaSetCreated", "Created new replica set \"" + name + "\"");
        }

        private void scale(ObjectNode rs, int replicas) {
            int from = replicas(rs);
            if (from == replicas || !rs.path("metadata").has("uid")) {
                return;
            }
            ObjectNode updated = store.updateIfPresent(Meta.key(ResourceTypes.REPLICA_SETS, rs), current -> {
                ((ObjectNode) current.get("spec")).put("replicas", replicas);
                ObjectNode annotations = Json.metadata(current).with("annotations");
                annotations.put(DESIRED_REPLICAS, Integer.toString(desired));
                annotations.put(MAX_REPLICAS, Integer.toString(desired + maxSurge()));
                return current;
            }).orElse(null);
            if (updated == null) {
                return;
            }
            ((ObjectNode) rs.get("spec")).put("replicas", replicas);
            events.record(deployment, EventRecorder.NORMAL, "ScalingReplicaSet",
                    "Scaled " + (replicas > from ? "up" : "down") + " replica set " + Meta.name(rs) + " from " + from + " to "
                            + replicas, COMPONENT, null);
        }

        /** The new set carries the highest revision, also when an old template comes back (a rollback). */
        private void syncRevision() {
            if (newReplicaSet == null || !newReplicaSet.path("metadata").has("uid")) {
                return;
            }
            long current = revision(newReplicaSet);
            long revision = current > maxOldRevision() ? current : maxOldRevision() + 1;
            if (revision != current) {
                store.updateIfPresent(Meta.key(ResourceTypes.REPLICA_SETS, newReplicaSet), rs -> {
                    Json.metadata(rs).with("annotations").put(REVISION, Long.toString(revision));
                    return rs;
                });
            }
            String text = Long.toString(revision);
            if (!text.equals(Json.text(deployment, "metadata", "annotations", REVISION))) {
                store.updateIfPresent(Meta.key(ResourceTypes.DEPLOYMENTS, deployment), d -> {
                    Json.metadata(d).with("annotations").put(REVISION, text);
                    return d;
                });
            }
        }

        private long maxOldRevision() {
            return oldReplicaSets.stream().mapToLong(DeploymentController::revision).max().orElse(0);
        }

        private ObjectNode computeStatus() {
            ObjectNode status = deployment.path("status").isObject()
                    ? deployment.path("status").deepCopy() : Json.object();
            int specTotal = replicaSets.stream().mapToInt(DeploymentController::replicas).sum();
            int actual = replicaSets.stream().mapToInt(rs -> rs.path("status").path("replicas").asInt(0)).sum();
            int updated = newReplicaSet == null ? 0 : newReplicaSet.path("status").path("replicas").asInt(0);
            int ready = replicaSets.stream().mapToInt(rs -> rs.path("status").path("readyReplicas").asInt(0)).sum();
            int available = replicaSets.stream().mapToInt(DeploymentController::available).sum();
            status.put("observedGeneration", deployment.path("metadata").path("generation").asLong(1));
            ReplicaSetController.putOrOmit(status, "replicas", actual);
            ReplicaSetController.putOrOmit(status, "updatedReplicas", updated);
            ReplicaSetController.putOrOmit(status, "readyReplicas", ready);
            ReplicaSetController.putOrOmit(status, "availableReplicas", available);
            ReplicaSetController.putOrOmit(status, "unavailableReplicas", Math.max(specTotal - available, 0));
            String now = Json.time(loop.now());
            if (available >= desired - maxUnavailable()) {
                Conditions.set(status, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.",
                        now, CONDITION_TIMES);
            } else {
                Conditions.set(status, "Available", "False", "MinimumReplicasUnavailable",
                        "Deployment does not have minimum availability.", now, CONDITION_TIMES);
            }
            return status;
        }

        private void syncStatus() {
            ObjectNode status = computeStatus();
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

        private void setProgressing(String value, String reason, String message) {
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

        private boolean isComplete(JsonNode status) {
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

        private int maxSurge() {
            return IntOrPercent.resolve(deployment.path("spec").path("strategy").path("rollingUpdate").path("maxSurge"),
                    desired, true);
        }

        private int maxUnavailable() {
            if (!"RollingUpdate".equals(deployment.path("spec").path("strategy").path("type").asText("RollingUpdate"))) {
                return 0;
            }
            JsonNode rolling = deployment.path("spec").path("strategy").path("rollingUpdate");
            int unavailable = IntOrPercent.resolve(rolling.path("maxUnavailable"), desired, false);
            if (unavailable == 0 && maxSurge() == 0) {
                unavailable = 1;
            }
            return Math.min(unavailable, desired);
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

    static int replicas(JsonNode rs) {
        return rs.path("spec").path("replicas").asInt(0);
    }

    static int available(JsonNode rs) {
        return rs == null ? 0 : rs.path("status").path("availableReplicas").asInt(0);
    }

    static long revision(JsonNode rs) {
        String text = Json.text(rs, "metadata", "annotations", REVISION);
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
