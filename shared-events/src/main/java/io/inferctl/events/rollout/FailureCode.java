package io.inferctl.events.rollout;

/** The specific reason a rollout failed. The category is implied by the code. */
public enum FailureCode {
    INVALID_SPEC(FailureCategory.CONFIGURATION),
    BAD_ENGINE_ARGUMENT(FailureCategory.CONFIGURATION),
    MODEL_NOT_FOUND(FailureCategory.CONFIGURATION),
    IMAGE_PULL_FAILED(FailureCategory.CONFIGURATION),
    /** The new version's health (pods not ready, restarts, error rate, latency) passed the policy's limits during a canary step or the bake time. */
    UNHEALTHY_CANARY(FailureCategory.CONFIGURATION),
    INSUFFICIENT_GPU(FailureCategory.RESOURCES),
    QUOTA_EXCEEDED(FailureCategory.RESOURCES),
    CLUSTER_UNREACHABLE(FailureCategory.NETWORK),
    CLUSTER_API_ERROR(FailureCategory.NETWORK),
    ROLLOUT_DEADLINE_EXCEEDED(FailureCategory.TIMEOUT),
    CANCELLED_BY_USER(FailureCategory.CANCELLED);

    private final FailureCategory category;

    FailureCode(FailureCategory category) {
        this.category = category;
    }

    public FailureCategory category() {
        return category;
    }
}
