package io.inferctl.events.rollout;

/** The broad reason a rollout did not reach traffic; each {@link FailureCode} belongs to one. */
public enum FailureCategory {
    /** Settings the cluster or the engine rejects. Retrying the same version will fail again. */
    CONFIGURATION,
    /** Not enough GPUs of the type, or a quota. May succeed later or with another accelerator. */
    RESOURCES,
    /** The cluster API stayed unreachable or erroneous after retries with backoff. */
    NETWORK,
    /** Not ready within the rollout deadline. */
    TIMEOUT,
    /** A user cancelled the rollout. */
    CANCELLED
}
