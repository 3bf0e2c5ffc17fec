package io.inferctl.query.projection.model;

/**
 * Where an endpoint stands, derived from its versions: what a list of endpoints filters on.
 */
public enum EndpointStatus {
    /** No version has served yet and one is rolling out (a first deployment). */
    DEPLOYING,
    /** A version serves traffic and none is rolling out. */
    SERVING,
    /** A version serves traffic while another rolls out. */
    UPDATING,
    /** No version serves and none is rolling out: the first deployment failed or was cancelled. */
    NOT_SERVING,
    /** Deleted; its history stays readable. */
    DELETED
}
