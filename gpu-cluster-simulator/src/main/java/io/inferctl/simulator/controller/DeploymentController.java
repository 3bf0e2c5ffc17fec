package io.inferctl.simulator.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inferctl.simulator.events.EventRecorder;
import io.inferctl.simulator.store.ClusterStore;
import io.inferctl.simulator.store.Deletion;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.ResourceTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Deployment controller: one ReplicaSet per pod template, rolled from old to new within
 * {@code maxSurge} and {@code maxUnavailable} (or all at once for {@code Recreate}), and a status whose
 * {@code Available} and {@code Progressing} conditions follow the pods, including
 * {@code ProgressDeadlineExceeded} once {@code progressDeadlineSeconds} pass without progress. The
 * rolling algorithm is the upstream one ({@link DeploymentRollout}), so a rollout that cannot get a
 * GPU for its surge pod stalls exactly as it would on a real cluster; the status is
 * {@link DeploymentStatus}'s.
 */
public final class DeploymentController implements Reconciler {

    static final String COMPONENT = "deployment-controller";

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
            new DeploymentRollout(store, events, deletion, deployment, owned, loop).sync();
        }
    }
}
