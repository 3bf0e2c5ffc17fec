package io.inferctl.worker.rollout;

import io.inferctl.events.config.RolloutPolicy;
import io.inferctl.events.rollout.RolloutPhase;
import io.inferctl.events.standby.StandbyEndReason;
import org.axonframework.eventhandling.GenericEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The superseded version after a switch: kept warm on its standby replicas until its window ends
 * (the new version's policy decides both), at most {@code maxWarmVersions} warm per endpoint, the
 * oldest removed first and never the one that served last; and warm versions released when a
 * rollout needs their GPUs. Built for one handler call over the saga's state.
 */
final class WarmStandby {

    private static final Logger log = LoggerFactory.getLogger(WarmStandby.class);

    private final RolloutState state;
    private final VersionRef version;
    private final Cluster cluster;
    private final CommandReports reports;
    private final int maxWarmVersions;

    WarmStandby(RolloutState state, Cluster cluster, CommandReports reports, int maxWarmVersions) {
        this.state = state;
        this.version = state.version();
        this.cluster = cluster;
        this.reports = reports;
        this.maxWarmVersions = maxWarmVersions;
    }

    /**
     * After the drain delay: the superseded Deployment goes to its standby, or away when the policy
     * keeps none. Run again whole when its report was not delivered: every part is idempotent and
     * the window, once decided, is kept.
     *
     * @return the standby's window, or {@code null} when the superseded version was removed or was
     *         already gone
     * @throws ReportUndeliveredException when the command API did not take the report
     */
    Duration begin() {
        VersionRef superseded = version.withVersion(state.supersededDeployment());
        RolloutPolicy policy = state.config().rollout();
        if (!policy.keepsWarmStandby() || state.servingVersion() == null) {
            cluster.removeVersion(superseded);
            return null;
        }
        Duration window = Duration.ofSeconds(policy.warmStandbySeconds());
        int warmAs = state.servingVersion();
        Optional<Cluster.Deployed> deployed = cluster.deployments(version).stream()
                .filter(d -> d.version() == superseded.version()).findFirst();
        if (deployed.isEmpty()) {
            // Already gone (released for capacity, retention, or a run of this drain that was not stored):
            // nothing is left to keep warm, and whatever removed it reported the standby's end.
            log.info("Superseded v{} of {} is already gone; nothing to keep warm", superseded.version(), version);
            return null;
        }
        if (state.standbyUntil() == null) {
            // A run that stopped after keeping it warm, before the saga was stored, left its window on the cluster.
            state.standbyUntil(deployed.filter(d -> d.warm() && Objects.equals(d.warmAs(), warmAs))
                    .map(Cluster.Deployed::warmUntil)
                    .orElseGet(() -> GenericEventMessage.clock.instant().plus(window)));
        }
        cluster.keepWarm(superseded, warmAs, policy.standbyReplicas(), state.standbyUntil());
        reports.standbyStarted(version.withVersion(warmAs), policy.standbyReplicas(), state.standbyUntil());
        enforceRetention(superseded.version());
        return window;
    }

    /** The window ended: the standby goes, unless a later version took its Deployment over or warmed it again. */
    void end() {
        int deployment = state.supersededDeployment();
        int warmAs = state.servingVersion();
        Cluster.Deployed deployed = cluster.deployments(version).stream()
                .filter(d -> d.version() == deployment).findFirst().orElse(null);
        if (deployed != null && deployed.warm() && Objects.equals(deployed.warmAs(), warmAs)
                && Objects.equals(deployed.warmUntil(), state.standbyUntil())
                && !Objects.equals(cluster.servedDeployment(version), deployment)) {
            cluster.removeVersion(version.withVersion(deployment));
        }
        // The command side records nothing when the standby already ended otherwise (reused, retention, capacity).
        reports.standbyEnded(version.withVersion(warmAs), StandbyEndReason.EXPIRED,
                "warm standby window ended at " + state.standbyUntil());
    }

    /**
     * Releases warm versions holding GPUs of the type the rollout needs, the oldest window first,
     * until it fits; each release is in the rollout's timeline and ends that version's standby.
     *
     * @return the capacity after the releases (still not fitting when they were not enough)
     */
    Cluster.Capacity releaseUntilFits(Cluster.Capacity capacity) {
        String type = state.config().accelerator().type();
        List<Cluster.Deployed> releasable = warmOthers().stream()
                .filter(d -> type.equals(d.acceleratorType()))
                .sorted(Comparator.comparing(Cluster.Deployed::warmUntil)).toList();
        Cluster.Capacity now = capacity;
        for (Cluster.Deployed standby : releasable) {
            if (now.fits()) {
                break;
            }
            String message = "released the warm standby of version " + standby.warmAs() + " (" + standby.replicas()
                    + " replica(s) of " + type + ") to make room for version " + version.version();
            reports.progress(version, RolloutPhase.PREFLIGHT, message);
            cluster.removeVersion(version.withVersion(standby.version()));
            reports.standbyEnded(version.withVersion(standby.warmAs()), StandbyEndReason.CAPACITY, message);
            now = cluster.capacity(state.deployment(), state.config(), state.replicas());
        }
        return now;
    }

    private void enforceRetention(int lastServed) {
        List<Cluster.Deployed> older = warmOthers().stream()
                .filter(d -> d.version() != lastServed)
                .sorted(Comparator.comparing(Cluster.Deployed::warmUntil).reversed()).toList();
        int room = Math.max(0, maxWarmVersions - 1);
        for (Cluster.Deployed standby : older.subList(Math.min(room, older.size()), older.size())) {
            cluster.removeVersion(version.withVersion(standby.version()));
            reports.standbyEnded(version.withVersion(standby.warmAs()), StandbyEndReason.RETENTION,
                    "at most " + maxWarmVersions + " warm versions per endpoint; version " + standby.warmAs()
                            + " was the oldest");
        }
    }

    /** Warm Deployments other than the one this version runs on. */
    private List<Cluster.Deployed> warmOthers() {
        int own = state.deployment().version();
        return cluster.deployments(version).stream()
                .filter(Cluster.Deployed::warm).filter(d -> d.version() != own).filter(d -> d.warmAs() != null).toList();
    }
}
