package io.inferctl.worker.rollout.health;

import java.time.Instant;
import java.util.Map;

/**
 * One look at a version's pods: each pod's readiness, restarts and (for a ready pod whose page could
 * be read) engine counters. It carries each pod's restart count at the first look, so that restarts
 * are counted since the watch began, however many looks later.
 *
 * @param at              when the pods were listed
 * @param pods            by pod uid
 * @param restartBaseline by pod uid: restarts at the first look; 0 for a pod created after it
 */
public record HealthSample(Instant at, Map<String, PodLook> pods, Map<String, Integer> restartBaseline) {

    public HealthSample {
        pods = Map.copyOf(pods);
        restartBaseline = Map.copyOf(restartBaseline);
    }

    /**
     * @param name       the pod's name, for messages
     * @param ready      its {@code Ready} condition is {@code True}
     * @param restarts   its containers' restart counts added up
     * @param metrics    its engine counters, or null when not read (not ready, or the page failed)
     * @param unreadable why a ready pod's page could not be read, else null
     */
    public record PodLook(String name, boolean ready, int restarts, PodMetrics metrics, String unreadable) {
    }
}
