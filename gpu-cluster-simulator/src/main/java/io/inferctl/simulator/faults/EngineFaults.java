package io.inferctl.simulator.faults;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The engine fault rules in force; the synthetic load asks which apply to a pod. */
public final class EngineFaults {

    private final List<EngineFaultRule> rules = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    public EngineFaultRule add(EngineFaultRule rule) {
        EngineFaultRule withId = rule.withId("engine-fault-" + ids.incrementAndGet());
        rules.add(withId);
        return withId;
    }

    public boolean remove(String id) {
        return rules.removeIf(r -> r.id().equals(id));
    }

    public void clear() {
        rules.clear();
    }

    public List<EngineFaultRule> active() {
        return List.copyOf(rules);
    }

    /** The rules that match a pod, whether or not their delay has passed yet. */
    public List<EngineFaultRule> matching(String namespace, Map<String, String> podLabels) {
        if (rules.isEmpty()) {
            return List.of();
        }
        return rules.stream().filter(r -> r.matches(namespace, podLabels)).toList();
    }
}
