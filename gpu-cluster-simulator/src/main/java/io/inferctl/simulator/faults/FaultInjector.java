package io.inferctl.simulator.faults;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Decides, per Kubernetes API request, which faults hit it. Only the Kubernetes API asks; the admin API
 * and the simulator's own controllers never pass through here.
 */
public final class FaultInjector {

    /** What to do with one request. */
    public record Decision(long latencyMs, Outcome outcome, int status, String ruleId) {

        public static final Decision PROCEED = new Decision(0, Outcome.PROCEED, 0, null);
    }

    public enum Outcome { PROCEED, ERROR, DROP }

    private final class ActiveRule {
        final FaultRule rule;
        final Pattern path;
        final AtomicInteger remaining;
        final Instant outageUntil;

        ActiveRule(FaultRule rule, Instant now) {
            this.rule = rule;
            this.path = rule.pathRegex() == null ? null : Pattern.compile(rule.pathRegex());
            this.remaining = rule.times() == null ? null : new AtomicInteger(rule.times());
            this.outageUntil = rule.outageSeconds() > 0 ? now.plusSeconds(rule.outageSeconds()) : null;
        }

        boolean expired(Instant now) {
            return (remaining != null && remaining.get() <= 0) || (outageUntil != null && !now.isBefore(outageUntil));
        }

        boolean matches(String method, String uri) {
            return (rule.methods().isEmpty() || rule.methods().contains(method))
                    && (path == null || path.matcher(uri).find());
        }
    }

    private final List<ActiveRule> rules = new CopyOnWriteArrayList<>();
    private final List<Runnable> outageListeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final Random random;
    private final AtomicLong ids = new AtomicLong();

    public FaultInjector(Clock clock, long seed) {
        this.clock = clock;
        this.random = new Random(seed);
    }

    /** Called when an outage starts, to break connections that are already open (watches). */
    public void onOutage(Runnable listener) {
        outageListeners.add(listener);
    }

    public FaultRule add(FaultRule rule) {
        FaultRule withId = rule.withId("fault-" + ids.incrementAndGet());
        rules.add(new ActiveRule(withId, clock.instant()));
        if (withId.outageSeconds() > 0) {
            outageListeners.forEach(Runnable::run);
        }
        return withId;
    }

    public boolean remove(String id) {
        return rules.removeIf(r -> r.rule.id().equals(id));
    }

    public void clear() {
        rules.clear();
    }

    public List<FaultRule> active() {
        Instant now = clock.instant();
        rules.removeIf(r -> r.expired(now));
        List<FaultRule> active = new ArrayList<>();
        rules.forEach(r -> active.add(r.rule));
        return active;
    }

    public Decision decide(String method, String uri) {
        if (rules.isEmpty()) {
            return Decision.PROCEED;
        }
        Instant now = clock.instant();
        rules.removeIf(r -> r.expired(now));
        long latency = 0;
        for (ActiveRule active : rules) {
            if (!active.matches(method, uri) || !consume(active)) {
                continue;
            }
            FaultRule rule = active.rule;
            if (active.outageUntil != null) {
                return new Decision(0, Outcome.DROP, 0, rule.id());
            }
            latency += rule.latencyMs();
            if (rule.errorRate() > 0 && roll() < rule.errorRate()) {
                return new Decision(latency, Outcome.ERROR, rule.errorStatus(), rule.id());
            }
            if (rule.dropRate() > 0 && roll() < rule.dropRate()) {
                return new Decision(latency, Outcome.DROP, 0, rule.id());
            }
        }
        return latency == 0 ? Decision.PROCEED : new Decision(latency, Outcome.PROCEED, 0, null);
    }

    private static boolean consume(ActiveRule active) {
        return active.remaining == null || active.remaining.getAndDecrement() > 0;
    }

    private synchronized double roll() {
        return random.nextDouble();
    }
}
