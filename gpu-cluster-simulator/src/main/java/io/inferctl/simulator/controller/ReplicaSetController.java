package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.events.EventRecorder;
import io.inferctl.simulator.store.ApiException;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Defaults;
import io.inferctl.simulator.store.Deletion;
import io.inferctl.simulator.store.Json;
import io.inferctl.simulator.store.LabelSelector;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ObjectKey;
import io.inferctl.simulator.store.Pods;
import io.inferctl.simulator.store.ResourceTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Keeps each ReplicaSet's pod count at {@code spec.replicas}: creates pods from its template and, when
 * there are too many, deletes the least useful first (unscheduled, then pending, then not ready, then
 * the youngest), as the real controller ranks them. Its status counts active, ready and available
 * pods, available meaning ready for at least {@code minReadySeconds}.
 */
public final class ReplicaSetController implements Reconciler {

    static final String COMPONENT = "replicaset-controller";
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int NAME_SUFFIX_LENGTH = 5;
    private static final int NAME_ATTEMPTS = 5;

    private final ClusterStore store;
    private final EventRecorder events;
    private final Deletion deletion;
    private final SplittableRandom random = new SplittableRandom();

    public ReplicaSetController(ClusterStore store, EventRecorder events) {
        this.store = store;
        this.events = events;
        this.deletion = new Deletion(store);
    }

    @Override
    public void reconcile(ControlLoop loop) {
        Map<String, List<ObjectNode>> podsByOwner = new HashMap<>();
        for (ObjectNode pod : store.list(ResourceTypes.PODS, null)) {
            String owner = Meta.controllerUid(pod);
            if (!owner.isEmpty()) {
                podsByOwner.computeIfAbsent(owner, k -> new ArrayList<>()).add(pod);
            }
        }
        for (ObjectNode replicaSet : store.list(ResourceTypes.REPLICA_SETS, null)) {
            if (Meta.isBeingDeleted(replicaSet)) {
                continue;
            }
            List<ObjectNode> owned = podsByOwner.getOrDefault(Meta.uid(replicaSet), List.of());
            sync(replicaSet, owned, loop);
        }
    }

    private void sync(ObjectNode replicaSet, List<ObjectNode> owned, ControlLoop loop) {
        List<ObjectNode> active = owned.stream().filter(Pods::isActive).toList();
        int desired = replicaSet.path("spec").path("replicas").asInt(1);
        int diff = active.size() - desired;
        if (diff < 0) {
            for (int i = 0; i < -diff; i++) {
                createPod(replicaSet);
            }
        } else if (diff > 0) {
            active.stream().sorted(DELETION_ORDER).limit(diff).forEach(pod -> {
                deletion.delete(Meta.key(ResourceTypes.PODS, pod), Deletion.Propagation.BACKGROUND, null);
                events.record(replicaSet, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted pod: " + Meta.name(pod),
                        COMPONENT, null);
            });
        }
        updateStatus(replicaSet, active, loop);
    }

    private void createPod(ObjectNode replicaSet) {
        JsonNode template = replicaSet.path("spec").path("template");
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            String name = Meta.name(replicaSet) + "-" + randomSuffix();
            ObjectNode pod = Json.object();
            ObjectNode metadata = pod.putObject("metadata");
            metadata.put("name", name);
            metadata.put("generateName", Meta.name(replicaSet) + "-");
            metadata.put("namespace", Meta.namespace(replicaSet));
            if (template.path("metadata").has("labels")) {
                metadata.set("labels", template.path("metadata").path("labels").deepCopy());
            }
            if (template.path("metadata").has("annotations")) {
                metadata.set("annotations", template.path("metadata").path("annotations").deepCopy());
            }
            metadata.putArray("ownerReferences").add(Meta.controllerReference(replicaSet));
            pod.set("spec", template.path("spec").deepCopy());
            Defaults.onCreate(ResourceTypes.PODS, pod, store);
            try {
                store.create(ObjectKey.of(ResourceTypes.PODS, Meta.namespace(replicaSet), name), pod);
                events.record(replicaSet, EventRecorder.NORMAL, "SuccessfulCreate", "Created pod: " + name, COMPONENT, null);
                return;
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
    }

    private void updateStatus(ObjectNode replicaSet, List<ObjectNode> active, ControlLoop loop) {
        int minReadySeconds = replicaSet.path("spec").path("minReadySeconds").asInt(0);
        Instant now = loop.now();
        LabelSelector templateLabels = LabelSelector.fromMap(
                Json.stringMap(replicaSet.path("spec").path("template").path("metadata").path("labels")));
        int ready = 0;
        int available = 0;
        int fullyLabeled = 0;
        for (ObjectNode pod : active) {
            if (templateLabels.matches(pod)) {
                fullyLabeled++;
            }
            Instant readySince = Pods.readySince(pod);
            if (readySince == null) {
                continue;
            }
            ready++;
            Instant availableAt = readySince.plusSeconds(minReadySeconds);
            if (!availableAt.isAfter(now)) {
                available++;
            } else {
                loop.wakeAt(availableAt);
            }
        }
        long generation = replicaSet.path("metadata").path("generation").asLong(1);
        int replicas = active.size();
        int readyCount = ready;
        int availableCount = available;
        int labeledCount = fullyLabeled;
        store.updateIfPresent(Meta.key(ResourceTypes.REPLICA_SETS, replicaSet), rs -> {
            ObjectNode status = rs.with("status");
            status.put("replicas", replicas);
            putOrOmit(status, "fullyLabeledReplicas", labeledCount);
            putOrOmit(status, "readyReplicas", readyCount);
            putOrOmit(status, "availableReplicas", availableCount);
            status.put("observedGeneration", generation);
            return rs;
        });
    }

    /** The API omits zero counts (omitempty); clients must read a missing count as zero. */
    static void putOrOmit(ObjectNode status, String field, int value) {
        if (value == 0) {
            status.remove(field);
        } else {
            status.put(field, value);
        }
    }

    private String randomSuffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < NAME_SUFFIX_LENGTH; i++) {
            suffix.append(NAME_ALPHABET.charAt(random.nextInt(NAME_ALPHABET.length())));
        }
        return suffix.toString();
    }

    private static final Comparator<JsonNode> DELETION_ORDER = Comparator
            .comparing((JsonNode pod) -> !pod.path("spec").path("nodeName").asText("").isEmpty())
            .thenComparing(pod -> phaseRank(pod.path("status").path("phase").asText("")))
            .thenComparing(Pods::isReady)
            .thenComparing(Pods::restarts, Comparator.reverseOrder())
            .thenComparing(Meta::created, Comparator.reverseOrder());

    private static int phaseRank(String phase) {
        return switch (phase) {
            case "Pending" -> 0;
            case "Unknown" -> 1;
            case "Running" -> 2;
            default -> 3;
        };
    }
}
