package io.inferctl.worker.rollout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What a compensation undoes, part of the saga's state: an undo is registered (and committed with the
 * saga) before the side effect it undoes. Stored as a JSON array of the undos, the earliest first.
 */
final class UndoLog {

    /** One per side effect on what serves or holds GPUs. */
    enum Undo {
        REMOVE_NEW_VERSION,
        /** A reused warm Deployment goes back to its standby replicas and window. */
        RETURN_TO_STANDBY,
        RESTORE_TRAFFIC,
        /** A canary's split: all of its traffic back to the serving version, then the split removed. */
        END_SPLIT
    }

    private final Deque<Undo> undos;

    UndoLog() {
        this(List.of());
    }

    @JsonCreator
    UndoLog(List<Undo> earliestFirst) {
        this.undos = new ArrayDeque<>(earliestFirst);
    }

    @JsonValue
    List<Undo> earliestFirst() {
        return List.copyOf(undos);
    }

    /** A step run again (after a crash or a hand-over) registers its undo once. */
    void register(Undo undo) {
        if (!undos.contains(undo)) {
            undos.addLast(undo);
        }
    }

    /** The rollout succeeded: nothing is undone from here on. */
    void clear() {
        undos.clear();
    }

    /**
     * Runs the undos, the latest first; each leaves the log only once done, so a run the cluster
     * stopped halfway resumes where it stopped. Every undo is idempotent.
     *
     * @throws ClusterFailure when the cluster refuses one; the rest stay registered
     */
    void runLatestFirst(Cluster cluster, VersionRef version, Integer servingDeployment, RolloutState.Reuse reuse) {
        while (!undos.isEmpty()) {
            switch (undos.getLast()) {
                case RESTORE_TRAFFIC -> {
                    if (servingDeployment != null) {
                        cluster.routeTraffic(version.withVersion(servingDeployment));
                    } else {
                        cluster.removeService(version);
                    }
                }
                case REMOVE_NEW_VERSION -> cluster.removeVersion(version);
                case END_SPLIT -> cluster.endSplit(version.withVersion(servingDeployment),
                        reuse == null ? version : version.withVersion(reuse.deployment()));
                case RETURN_TO_STANDBY -> cluster.keepWarm(version.withVersion(reuse.deployment()), reuse.warmAs(),
                        reuse.replicas(), reuse.warmUntil());
            }
            undos.removeLast();
        }
    }

    @Override
    public String toString() {
        return undos.toString();
    }
}
