package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.worker.rollout.ClusterFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs one API call: transient failures (no answer, 408, 429, 5xx, a conflict) are retried with
 * exponential backoff and full jitter, up to a bounded number of attempts; what the cluster refuses
 * for good, or what stays transient after the last attempt, becomes a {@link ClusterFailure} with
 * the failure code of the brief.
 */
final class ClusterCalls {

    private static final Logger log = LoggerFactory.getLogger(ClusterCalls.class);
    private static final Set<Integer> TRANSIENT = Set.of(408, 409, 429, 500, 502, 503, 504);

    private final KubernetesProperties.Retry retry;
    private final Sleeper sleeper;

    /** Waiting between attempts; a seam so the backoff bounds can be tested without waiting. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    ClusterCalls(KubernetesProperties.Retry retry) {
        this(retry, duration -> Thread.sleep(duration.toMillis()));
    }

    ClusterCalls(KubernetesProperties.Retry retry, Sleeper sleeper) {
        this.retry = retry;
        this.sleeper = sleeper;
    }

    void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    <T> T call(String what, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (KubernetesClientException e) {
                FailureCode permanent = permanentFailure(e);
                if (permanent != null) {
                    throw new ClusterFailure(permanent, "The cluster refused to " + what + ": " + reason(e), e);
                }
                if (attempt >= retry.maxAttempts()) {
                    FailureCode code = e.getCode() <= 0 ? FailureCode.CLUSTER_UNREACHABLE : FailureCode.CLUSTER_API_ERROR;
                    String detail = e.getCode() <= 0 ? "the Kubernetes API did not answer" : "answered " + e.getCode();
                    throw new ClusterFailure(code, "Could not " + what + " after " + attempt + " attempts: "
                            + detail + " (" + reason(e) + ")", e);
                }
                Duration wait = backoff(attempt);
                log.debug("Attempt {} to {} failed ({}); retrying in {}", attempt, what, reason(e), wait);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ClusterFailure(FailureCode.CLUSTER_UNREACHABLE, "Interrupted while retrying to " + what, e);
                }
            }
        }
    }

    /** Full jitter: a random wait up to min(max, initial * 2^(attempt-1)). */
    Duration backoff(int attempt) {
        long cap = retry.maxBackoff().toMillis();
        long exponential = retry.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long bound = Math.max(1, Math.min(cap, exponential));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(bound + 1));
    }

    static FailureCode permanentFailure(KubernetesClientException e) {
        int code = e.getCode();
        if (code <= 0 || TRANSIENT.contains(code)) {
            return null;
        }
        if (code == 403 && reason(e).toLowerCase(Locale.ROOT).contains("exceeded quota")) {
            return FailureCode.QUOTA_EXCEEDED;
        }
        if (code == 400 || code == 422) {
            return FailureCode.INVALID_SPEC;
        }
        return FailureCode.CLUSTER_API_ERROR;
    }

    private static String reason(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        Throwable cause = e.getCause();
        return cause != null && cause.getMessage() != null ? cause.getMessage() : String.valueOf(e.getMessage());
    }
}
