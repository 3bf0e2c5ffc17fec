package io.inferctl.systemtest.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Everything the load's clients saw, Jepsen style: each acknowledged command and each failed
 * attempt, with which instance answered; appended to from many client threads, read by the checker.
 */
final class History {

    /** A command the command API answered with 2xx: the version it names now exists. */
    record Ack(String endpointId, int version, long sequence, String key, String instance, boolean changed,
               boolean replayed, String phase) {
    }

    /**
     * An attempt that got no answer or a 5xx ({@code status} 0 for no answer), and what retrying it
     * with the same key answered ({@code retryStatus} -1 when the retry never got an answer either).
     */
    record Failure(String key, String kind, String instance, int status, String error, int retryStatus,
                   String retryInstance, boolean retryReplayed, String retryBody, String phase) {

        /** Safe: the retry answered 2xx (the first result replayed, or the change made once now). */
        boolean safeToRetry() {
            return retryStatus >= 200 && retryStatus < 300;
        }
    }

    /** A refusal a client can act on (409 rollout in progress, 412 stale, 4xx): nothing changed. */
    record Refusal(String key, String instance, int status, String code, String phase) {
    }

    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Refusal> refusals = new ConcurrentLinkedQueue<>();

    void ack(Ack ack) {
        acks.add(ack);
    }

    void failure(Failure failure) {
        failures.add(failure);
    }

    void refusal(Refusal refusal) {
        refusals.add(refusal);
    }

    List<Ack> acks() {
        return new ArrayList<>(acks);
    }

    List<Failure> failures() {
        return new ArrayList<>(failures);
    }

    List<Refusal> refusals() {
        return new ArrayList<>(refusals);
    }

    List<Ack> acks(String phase) {
        return acks.stream().filter(a -> a.phase().equals(phase)).toList();
    }

    List<Failure> failures(String phase) {
        return failures.stream().filter(f -> f.phase().equals(phase)).toList();
    }

    /** Acknowledged versions per endpoint, in answer order. */
    Map<String, List<Ack>> acksByEndpoint() {
        return acks.stream().collect(Collectors.groupingBy(Ack::endpointId, TreeMap::new, Collectors.toList()));
    }

    /** As {@link #acksByEndpoint()}, for the endpoints acknowledged in {@code phase}. */
    Map<String, List<Ack>> acksByEndpoint(String phase) {
        java.util.Set<String> ids = acks.stream().filter(a -> a.phase().equals(phase)).map(Ack::endpointId)
                .collect(Collectors.toSet());
        return acks.stream().filter(a -> ids.contains(a.endpointId())).collect(Collectors.groupingBy(Ack::endpointId, TreeMap::new, Collectors.toList()));
    }
}
