package io.inferctl.worker.rollout;

import io.inferctl.worker.rollout.RolloutState.Reuse;

import java.util.Objects;

/**
 * Where a new version runs: on a Deployment of the endpoint that already runs the same workload
 * (the serving one, when only the rollout policy changed; else a warm standby, e.g. the target of
 * a rollback), or on its own new Deployment. Decided once, at the start, from the cluster itself.
 */
final class WarmPlacement {

    private WarmPlacement() {
    }

    static void place(RolloutState state, Cluster cluster) {
        if (state.placed()) {
            return;
        }
        VersionRef version = state.version();
        Integer served = cluster.servedDeployment(version);
        String workload = Workloads.fingerprint(state.config());
        Reuse reuse = null;
        for (Cluster.Deployed deployed : cluster.deployments(version)) {
            if (deployed.version() == version.version() || !workload.equals(deployed.workload())) {
                continue;
            }
            if (Objects.equals(deployed.claimedBy(), version.version())) {
                // This start ran before and claimed it, then the worker stopped before the saga was stored.
                reuse = new Reuse(deployed.version(), deployed.warmAs(), deployed.replicas(), deployed.warmUntil());
                break;
            }
            if (served != null && deployed.version() == served) {
                reuse = new Reuse(deployed.version(), null, deployed.replicas(), null);
                break;
            }
            if (deployed.warm() && (reuse == null || deployed.warmUntil().isAfter(reuse.warmUntil()))) {
                reuse = new Reuse(deployed.version(), deployed.warmAs(), deployed.replicas(), deployed.warmUntil());
            }
        }
        state.place(served, reuse);
    }

    /** For the timeline: what the start does about GPUs. */
    static String gpuMessage(RolloutState state) {
        Reuse reuse = state.reuse();
        String gpus = state.replicas() + " x " + state.config().accelerator().count() + " " + state.config().accelerator().type();
        if (reuse == null) {
            return gpus;
        }
        if (state.reusesServing()) {
            return gpus + " on the serving Deployment of version " + reuse.deployment() + ": only the rollout policy changed";
        }
        return gpus + " on the warm Deployment of version " + reuse.deployment() + " (kept warm for version "
                + reuse.warmAs() + " on " + reuse.replicas() + " replica(s)): no new engine starts";
    }
}
