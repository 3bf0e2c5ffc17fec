package io.inferctl.query.consistency;

/** The projection did not reach the sequence a reader asked for within the wait it is allowed. */
public class ProjectionBehindException extends RuntimeException {

    private final String endpointId;
    private final long requestedSequence;
    private final long projectedSequence;

    public ProjectionBehindException(String endpointId, long requestedSequence, long projectedSequence) {
        super("The read model has endpoint " + endpointId + " up to sequence " + projectedSequence
                + " but you asked for at least " + requestedSequence + "; retry shortly.");
        this.endpointId = endpointId;
        this.requestedSequence = requestedSequence;
        this.projectedSequence = projectedSequence;
    }

    public String endpointId() {
        return endpointId;
    }

    public long requestedSequence() {
        return requestedSequence;
    }

    /** {@code -1} when the endpoint is not in the read model at all yet. */
    public long projectedSequence() {
        return projectedSequence;
    }
}
