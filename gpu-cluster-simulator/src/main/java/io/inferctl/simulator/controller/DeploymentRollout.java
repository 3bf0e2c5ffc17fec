package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.events.EventRecorder;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Defaults;
import io.inferctl.simulator.store.Deletion;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * One reconciliation of one Deployment over local copies of its ReplicaSets: the rolling algorithm is
 * the upstream one (scale up the new set as far as surge allows, then scale down old sets as far as
 * availability allows), or all at once for {@code Recreate}; the status that follows is
 * {@link DeploymentStatus}'s.
 */
final class DeploymentRollout {

    private static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    private static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

    private final ClusterStore store;
    private final EventRecorder events;
    private final Deletion deletion;
    private final ObjectNode deployment;
    private final List<ObjectNode> replicaSets;
    private final ControlLoop loop;
    private final RolloutBounds bounds;
    private final int desired;
    private final DeploymentStatus status;
    private ObjectNode newReplicaSet;
    private final List<ObjectNode> oldReplicaSets = new ArrayList<>();

    DeploymentRollout(ClusterStore store, EventRecorder events, Deletion deletion, ObjectNode deployment,
                      List<ObjectNode> replicaSets, ControlLoop loop) {
        this.store = store;
        this.events = events;
        this.deletion = deletion;
        this.deployment = deployment;
        this.replicaSets = replicaSets;
        this.loop = loop;
        this.bounds = new RolloutBounds(deployment);
        this.desired = bounds.desired();
        this.status = new DeploymentStatus(store, deployment, loop, bounds);
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
        status.sync(replicaSets, newReplicaSet);
    }

    private void rollingUpdate() {
        if (newReplicaSet == null) {
            createNewReplicaSet(newReplicaSetReplicas());
        }
        if (reconcileNewReplicaSet() || reconcileOldReplicaSets()) {
            return;
        }
        if (status.isComplete(status.compute(replicaSets, newReplicaSet))) {
            cleanupOldReplicaSets();
        }
    }
    private void recreate() {
        boolean scaledDown = false;
        for (ObjectNode rs : oldReplicaSets) {
            if (ReplicaSetFields.replicas(rs) > 0) {
                scale(rs, 0);
                scaledDown = true;
            }
        }
        if (scaledDown || oldReplicaSets.stream().anyMatch(rs -> rs.path("status").path("replicas").asInt(0) > 0)) {
            return;
        }
        if (newReplicaSet == null) {
            createNewReplicaSet(desired);
        } else if (ReplicaSetFields.replicas(newReplicaSet) != desired) {
            scale(newReplicaSet, desired);
        }
    }

    private int newReplicaSetReplicas() {
        int current = newReplicaSet == null ? 0 : ReplicaSetFields.replicas(newReplicaSet);
        int maxTotal = desired + bounds.maxSurge();
        int allPods = replicaSets.stream().mapToInt(ReplicaSetFields::replicas).sum();
        if (allPods >= maxTotal) {
            return current;
        }
        return current + Math.max(0, Math.min(maxTotal - allPods, desired - current));
    }

    private boolean reconcileNewReplicaSet() {
        int current = ReplicaSetFields.replicas(newReplicaSet);
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
        List<ObjectNode> activeOld = oldReplicaSets.stream().filter(rs -> ReplicaSetFields.replicas(rs) > 0).toList();
        if (activeOld.isEmpty()) {
            return false;
        }
        int allPods = replicaSets.stream().mapToInt(ReplicaSetFields::replicas).sum();
        int minAvailable = desired - bounds.maxUnavailable();
        int newUnavailable = ReplicaSetFields.replicas(newReplicaSet) - ReplicaSetFields.available(newReplicaSet);
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
            int unhealthy = ReplicaSetFields.replicas(rs) - ReplicaSetFields.available(rs);
            if (ReplicaSetFields.replicas(rs) == 0 || unhealthy <= 0) {
                continue;
            }
            int count = Math.min(maxCleanup - total, unhealthy);
            scale(rs, ReplicaSetFields.replicas(rs) - count);
            total += count;
        }
        return total;
    }

    private int scaleDownOldForRollingUpdate(int minAvailable) {
        int availableNow = replicaSets.stream().mapToInt(ReplicaSetFields::available).sum();
        if (availableNow <= minAvailable) {
            return 0;
        }
        int toScaleDown = availableNow - minAvailable;
        int total = 0;
        for (ObjectNode rs : oldReplicaSets) {
            if (total >= toScaleDown) {
                break;
            }
            if (ReplicaSetFields.replicas(rs) == 0) {
                continue;
            }
            int count = Math.min(ReplicaSetFields.replicas(rs), toScaleDown - total);
            scale(rs, ReplicaSetFields.replicas(rs) - count);
            total += count;
        }
        return total;
    }

    private void cleanupOldReplicaSets() {
        int limit = deployment.path("spec").path("revisionHistoryLimit").asInt(Integer.MAX_VALUE);
        List<ObjectNode> removable = oldReplicaSets.stream()
                .filter(rs -> ReplicaSetFields.replicas(rs) == 0 && rs.path("status").path("replicas").asInt(0) == 0)
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
        annotations.put(ReplicaSetFields.REVISION, Long.toString(maxOldRevision() + 1));
        annotations.put(DESIRED_REPLICAS, Integer.toString(desired));
        annotations.put(MAX_REPLICAS, Integer.toString(desired + bounds.maxSurge()));
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
                "Scaled up replica set " + name + " from 0 to " + replicas, DeploymentController.COMPONENT, null);
        status.setProgressing("True", "NewReplicaSetCreated", "Created new replica set \"" + name + "\"");
    }

    private void scale(ObjectNode rs, int replicas) {
        int from = ReplicaSetFields.replicas(rs);
        if (from == replicas || !rs.path("metadata").has("uid")) {
            return;
        }
        ObjectNode updated = store.updateIfPresent(Meta.key(ResourceTypes.REPLICA_SETS, rs), current -> {
            ((ObjectNode) current.get("spec")).put("replicas", replicas);
            ObjectNode annotations = Json.metadata(current).with("annotations");
            annotations.put(DESIRED_REPLICAS, Integer.toString(desired));
            annotations.put(MAX_REPLICAS, Integer.toString(desired + bounds.maxSurge()));
            return current;
        }).orElse(null);
        if (updated == null) {
            return;
        }
        ((ObjectNode) rs.get("spec")).put("replicas", replicas);
        events.record(deployment, EventRecorder.NORMAL, "ScalingReplicaSet",
                "Scaled " + (replicas > from ? "up" : "down") + " replica set " + Meta.name(rs) + " from " + from + " to "
                        + replicas, DeploymentController.COMPONENT, null);
    }

    /** The new set carries the highest revision, also when an old template comes back (a rollback). */
    private void syncRevision() {
        if (newReplicaSet == null || !newReplicaSet.path("metadata").has("uid")) {
            return;
        }
        long current = ReplicaSetFields.revision(newReplicaSet);
        long revision = current > maxOldRevision() ? current : maxOldRevision() + 1;
        if (revision != current) {
            store.updateIfPresent(Meta.key(ResourceTypes.REPLICA_SETS, newReplicaSet), rs -> {
                Json.metadata(rs).with("annotations").put(ReplicaSetFields.REVISION, Long.toString(revision));
                return rs;
            });
        }
        String text = Long.toString(revision);
        if (!text.equals(Json.text(deployment, "metadata", "annotations", ReplicaSetFields.REVISION))) {
            store.updateIfPresent(Meta.key(ResourceTypes.DEPLOYMENTS, deployment), d -> {
                Json.metadata(d).with("annotations").put(ReplicaSetFields.REVISION, text);
                return d;
            });
        }
    }

    private long maxOldRevision() {
        return oldReplicaSets.stream().mapToLong(ReplicaSetFields::revision).max().orElse(0);
    }
}
