package io.inferctl.query.projection.rebuild;

/** A rebuild was asked for while one runs. */
public class RebuildInProgressException extends RuntimeException {

    public RebuildInProgressException(RebuildProgress running) {
        super("A rebuild started at " + running.startedAt() + " is still running (" + running.state()
                + "); follow it with GET /v1/admin/rebuild.");
    }
}
