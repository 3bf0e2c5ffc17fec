package io.inferctl.api.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed authentications per client address in a token bucket (Bucket4j, as the webhook
 * signature limit does). Only failures spend tokens, so other clients, and a client whose requests
 * succeed, are never slowed. Once an address has spent its allowance, every request from it that
 * needs authentication is answered 429 without its token being looked at, until the bucket refills:
 * a guesser learns nothing from a guess made while limited. Buckets live in this instance's memory
 * (with several instances each limits on its own), at most {@code trackedClients} of them, the least
 * recently failing forgotten first. Counted as {@value #METRIC}{@code {outcome=refused|limited}}.
 */
public class FailedAuthenticationLimiter {

    public static final String METRIC = "inferctl.api.authentication.failures";

    private final Bandwidth allowance;
    private final Map<String, Bucket> buckets;
    private final Counter refused;
    private final Counter limited;

    public FailedAuthenticationLimiter(FailedAuthenticationProperties properties, MeterRegistry meters) {
        this.allowance = Bandwidth.builder().capacity(properties.limit())
                .refillGreedy(properties.limit(), properties.period()).build();
        int tracked = properties.trackedClients();
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > tracked;
            }
        };
        this.refused = failures(meters, "refused");
        this.limited = failures(meters, "limited");
    }

    /** How long the client must wait before its next attempt, when it has no failures left to spend. */
    public Optional<Duration> waitFor(String client) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.get(client);
        }
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return Optional.empty();
        }
        limited.increment();
        return Optional.of(Duration.ofNanos(Math.max(1, bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill())));
    }

    /** Spends one of the client's failures. */
    public void failed(String client) {
        Bucket bucket;
        synchronized (buckets) {
            bucket = buckets.computeIfAbsent(client, c -> Bucket.builder().addLimit(allowance).build());
        }
        bucket.tryConsume(1);
        refused.increment();
    }

    private static Counter failures(MeterRegistry meters, String outcome) {
        return Counter.builder(METRIC)
                .description("Requests refused for a missing or unknown token (refused: 401), or because their "
                        + "address failed too often (limited: 429)")
                .tag("outcome", outcome)
                .register(meters);
    }
}
