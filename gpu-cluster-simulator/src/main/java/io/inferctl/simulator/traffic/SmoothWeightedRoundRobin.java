package io.inferctl.simulator.traffic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * nginx's smooth weighted round robin: over every {@code sum(weights)} picks each key is picked exactly
 * its weight's number of times, interleaved rather than in runs. Deterministic, so a share of traffic
 * is exact rather than likely. A change of keys or weights starts a new cycle.
 */
final class SmoothWeightedRoundRobin {

    private Map<String, Long> weights = Map.of();
    private final Map<String, Long> current = new LinkedHashMap<>();

    /** The next key, or null when every weight is zero. */
    String next(Map<String, Long> newWeights) {
        if (!newWeights.equals(weights)) {
            weights = Map.copyOf(newWeights);
            current.clear();
            newWeights.keySet().forEach(key -> current.put(key, 0L));
        }
        long total = 0;
        String best = null;
        for (Map.Entry<String, Long> entry : newWeights.entrySet()) {
            long weight = entry.getValue();
            total += weight;
            long value = current.merge(entry.getKey(), weight, Long::sum);
            if (weight > 0 && (best == null || value > current.get(best))) {
                best = entry.getKey();
            }
        }
        if (best != null) {
            current.merge(best, -total, Long::sum);
        }
        return best;
    }
}
