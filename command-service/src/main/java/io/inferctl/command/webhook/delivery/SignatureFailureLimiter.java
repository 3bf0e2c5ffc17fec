package io.inferctl.command.webhook.delivery;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.inferctl.command.webhook.WebhookProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed signatures per integration in a token bucket (Bucket4j). Only failures spend
 * tokens, so a flood of forgeries never locks out the registry that holds the secret: its valid
 * deliveries still verify, while the forger is told to back off. Buckets live in this instance's
 * memory; with several instances each limits on its own. Failures are counted as
 * {@code inferctl.webhook.signature.failures{outcome=refused|limited}}.
 */
@Component
public class SignatureFailureLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bandwidth allowance;
    private final Counter refused;
    private final Counter limited;

    SignatureFailureLimiter(WebhookProperties properties, MeterRegistry meters) {
        this.allowance = Bandwidth.builder().capacity(properties.failedSignatureLimit())
                .refillGreedy(properties.failedSignatureLimit(), properties.failedSignatureRefill()).build();
        this.refused = failures(meters, "refused");
        this.limited = failures(meters, "limited");
    }

    /**
     * Records a failed signature.
     *
     * @return how long the sender must wait, when this failure is over the allowance
     */
    public Optional<Duration> failed(String integrationId) {
        ConsumptionProbe probe = buckets.computeIfAbsent(integrationId,
                id -> Bucket.builder().addLimit(allowance).build()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            refused.increment();
            return Optional.empty();
        }
        limited.increment();
        return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Forgets an integration that no longer exists. */
    public void forget(String integrationId) {
        buckets.remove(integrationId);
    }

    private static Counter failures(MeterRegistry meters, String outcome) {
        return Counter.builder("inferctl.webhook.signature.failures")
                .description("Webhook deliveries whose signature did not verify")
                .tag("outcome", outcome)
                .register(meters);
    }
}
