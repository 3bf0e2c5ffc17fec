package io.inferctl.worker.rollout;

import io.inferctl.events.rollout.FailureCode;

/** The cluster refused an operation, or stayed unreachable after retries: the rollout cannot go on. */
public class ClusterFailure extends RuntimeException {

    private final FailureCode code;

    public ClusterFailure(FailureCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public FailureCode code() {
        return code;
    }
}
