package io.inferctl.worker.rollout.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.inferctl.events.rollout.FailureCode;
import io.inferctl.worker.retry.ShortRetry;
import io.inferctl.worker.rollout.ClusterFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.ThreadWaitSleeper;
import org.springframework.retry.support.RetryTemplate;

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Runs one API call: transient failures (no answer, 408, 429, 5xx, a conflict) are retried by the
 * worker's {@link ShortRetry}; what the cluster refuses for good, or what stays transient after the
 * last attempt, becomes a {@link ClusterFailure} with the failure code of the brief.
 */
final class ClusterCalls {

    private static final Logger log = LoggerFactory.getLogger(ClusterCalls.class);
    private static final Set<Integer> TRANSIENT = Set.of(408, 409, 429, 500, 502, 503, 504);

    private final RetryTemplate retry;

    ClusterCalls(ShortRetry policy) {
        this(policy, new ThreadWaitSleeper());
    }

    ClusterCalls(ShortRetry policy, Sleeper sleeper) {
        this.retry = policy.retrying(e -> e instanceof KubernetesClientException k && permanentFailure(k) == null, sleeper);
    }

    void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    <T> T call(String what, Supplier<T> call) {
        return retry.execute(context -> {
            if (context.getRetryCount() > 0) {
                log.debug("Attempt {} to {} failed ({}); trying again", context.getRetryCount(), what,
                        context.getLastThrowable().getMessage());
            }
            return call.get();
        }, context -> {
            throw failure(what, context);
        });
    }

    private static RuntimeException failure(String what, RetryContext context) {
        if (!(context.getLastThrowable() instanceof KubernetesClientException e)) {
            return context.getLastThrowable() instanceof RuntimeException other ? other
                    : new IllegalStateException(context.getLastThrowable());
        }
        FailureCode permanent = permanentFailure(e);
        if (permanent != null) {
            return new ClusterFailure(permanent, "The cluster refused to " + what + ": " + reason(e), e);
        }
        FailureCode code = e.getCode() <= 0 ? FailureCode.CLUSTER_UNREACHABLE : FailureCode.CLUSTER_API_ERROR;
        String detail = e.getCode() <= 0 ? "the Kubernetes API did not answer" : "answered " + e.getCode();
        return new ClusterFailure(code, "Could not " + what + " after " + context.getRetryCount() + " attempts: "
                + detail + " (" + reason(e) + ")", e);
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
