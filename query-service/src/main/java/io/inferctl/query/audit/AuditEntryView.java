package io.inferctl.query.audit;

import io.inferctl.query.projection.AuditEntryTable;
import io.inferctl.query.projection.model.AuditAction;
import io.inferctl.query.projection.model.AuditEntryRow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * One audit entry as the API returns it.
 *
 * @param id            the id of the event it records
 * @param changedFields the settings a new version changed (empty for other actions)
 * @param detail        what an outcome adds, e.g. {@code RESOURCES/INSUFFICIENT_GPU at preflight: ...}
 */
public record AuditEntryView(
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

    /** The entry in the row {@code rs} is on, which selected {@link AuditEntryTable#columns()}. */
    static AuditEntryView of(ResultSet rs) throws SQLException {
        AuditEntryRow row = AuditEntryTable.read(rs);
        return new AuditEntryView(row.id(), row.occurredAt(), row.actor(), row.action(), row.endpointId(),
                row.endpointName(), row.version(), row.changedFields(), row.comment(), row.detail());
    }
}
