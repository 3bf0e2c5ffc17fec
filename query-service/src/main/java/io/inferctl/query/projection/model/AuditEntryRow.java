package io.inferctl.query.projection.model;

import java.time.Instant;
import java.util.List;

/**
 * One line of the audit log.
 *
 * @param id            the event's id, so the same entry has the same id after a rebuild
 * @param changedFields dotted paths of the settings a new version changed; empty for other actions
 * @param detail        what an outcome carries beyond its action, e.g. a failure's code and message
 */
public record AuditEntryRow(
        String id,
        Instant occurredAt,
        String actor,
        AuditAction action,
        String endpointId,
        String endpointName,
        Integer version,
        List<String> changedFields,
        String comment,
        String detail) {
}
