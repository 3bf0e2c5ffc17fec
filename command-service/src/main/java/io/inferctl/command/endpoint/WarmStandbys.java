package io.inferctl.command.endpoint;

import io.inferctl.events.VersionStandbyEnded;
import io.inferctl.events.VersionStandbyStarted;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which superseded versions the worker keeps warm, and until when: only what makes its reports
 * idempotent under redelivery (the same report twice records one event).
 */
class WarmStandbys {

    private Map<Integer, Instant> warmUntil = new HashMap<>();

    /** Whether a report that the version is warm until {@code until} says something new. */
    boolean isNewStandby(int version, Instant until) {
        return !Objects.equals(warmUntil.get(version), until);
    }

    boolean isWarm(int version) {
        return warmUntil.containsKey(version);
    }

    @EventSourcingHandler
    void on(VersionStandbyStarted event) {
        warmUntil.put(event.version(), event.warmUntil());
    }

    @EventSourcingHandler
    void on(VersionStandbyEnded event) {
        warmUntil.remove(event.version());
    }
}
