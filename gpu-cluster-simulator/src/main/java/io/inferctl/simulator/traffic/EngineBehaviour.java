package io.inferctl.simulator.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.simulator.faults.EngineFaultRule;
import io.inferctl.simulator.faults.EngineFaults;
import io.inferctl.simulator.store.Meta;
import io.inferctl.simulator.store.Pods;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * How a pod's simulated engine answers one request: a healthy engine always succeeds within 0.8 to 1.2
 * times the configured latency; the engine fault rules that match the pod, once their delay since the
 * pod became ready has passed, add failures and latency. A failure rate is exact rather than random
 * (every request adds the rate to the pod's debt, a whole unit of debt fails one), so a test can count.
 */
final class EngineBehaviour {

    private static final double JITTER = 0.4;
    private static final double JITTER_FLOOR = 0.8;
    /** Rates like 0.1 do not add up to exactly 1 in binary; without slack the tenth request would not fail. */
    private static final double DEBT_SLACK = 1e-9;

    /** What one request to one pod came to. */
    record Answer(boolean failed, long latencyMs) {
    }

    private final EngineFaults faults;
    private final Duration latency;
    private final Random random;
    private final Map<String, Double> errorDebt = new HashMap<>();

    EngineBehaviour(EngineFaults faults, Duration latency, long seed) {
        this.faults = faults;
        this.latency = latency;
        this.random = new Random(seed);
    }

    Answer answer(JsonNode pod, Instant now) {
        long millis = Math.round(latency.toMillis() * (JITTER_FLOOR + JITTER * random.nextDouble()));
        double errorRate = 0;
        Instant readySince = Pods.readySince(pod);
        for (EngineFaultRule rule : faults.matching(Meta.namespace(pod), Meta.labels(pod))) {
            if (readySince != null && !now.isBefore(readySince.plusSeconds(rule.afterSeconds()))) {
                millis += rule.latencyMs();
                errorRate = Math.max(errorRate, rule.errorRate());
            }
        }
        if (errorRate == 0) {
            return new Answer(false, millis);
        }
        double debt = errorDebt.merge(Meta.uid(pod), errorRate, Double::sum);
        boolean failed = debt >= 1.0 - DEBT_SLACK;
        if (failed) {
            errorDebt.put(Meta.uid(pod), debt - 1.0);
        }
        return new Answer(failed, millis);
    }

    /** Forgets pods that are gone. */
    void retain(Set<String> podUids) {
        errorDebt.keySet().retainAll(podUids);
    }
}
