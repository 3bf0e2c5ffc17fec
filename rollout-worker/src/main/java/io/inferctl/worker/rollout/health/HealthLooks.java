package io.inferctl.worker.rollout.health;

import io.inferctl.worker.rollout.VersionRef;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Successive health looks at versions, each judged over the window since the one before. The last
 * sample of each version is kept in memory only: it holds every pod's counters, too much for a
 * saga's state, and losing it costs one window. A worker started again (or another instance taking
 * a rollout over) begins with a baseline look, which is inconclusive; restarts are then counted
 * from that look.
 */
public class HealthLooks {

    private final EngineHealth health;
    private final Map<VersionRef, HealthSample> last = new ConcurrentHashMap<>();

    public HealthLooks(EngineHealth health) {
        this.health = health;
    }

    public HealthVerdict look(VersionRef version, HealthThresholds thresholds) {
        HealthSample before = last.get(version);
        if (before == null) {
            HealthSample first = health.firstLook(version);
            last.put(version, first);
            return HealthVerdict.inconclusive("first look at " + first.pods().size()
                    + " pods: the window begins here");
        }
        HealthSample now = health.look(version, before);
        last.put(version, now);
        return health.judge(before, now, thresholds);
    }

    /** The version is gone or no longer watched. */
    public void forget(VersionRef version) {
        last.remove(version);
    }
}
