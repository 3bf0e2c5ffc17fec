package io.inferctl.query.audit;

import io.inferctl.query.projection.model.AuditAction;

import java.time.Instant;

/**
 * Which audit entries a query wants; every part is optional.
 *
 * @param since entries at or after this instant
 * @param until entries strictly before this instant
 */
public record AuditFilter(String actor, String endpointId, AuditAction action, Instant since, Instant until) {
}
