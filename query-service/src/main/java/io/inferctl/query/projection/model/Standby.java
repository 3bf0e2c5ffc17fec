package io.inferctl.query.projection.model;

import java.time.Instant;

/**
 * A superseded version kept running by the rollout worker, so that a rollback to its settings
 * switches traffic without starting an engine.
 *
 * @param warmUntil when its standby window ends and it is removed
 * @param replicas  the replicas it keeps meanwhile
 */
public record Standby(Instant warmUntil, int replicas) {
}
