package io.inferctl.query.audit;

import io.inferctl.query.projection.AuditEntryTable;
import io.inferctl.query.projection.Timestamps;
import io.inferctl.query.web.Cursors;
import io.inferctl.query.web.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the audit log newest first, keyset-paged on {@code (occurred_at, id)}: each filter has an
 * index that leads with it, so a page costs a short index range scan at any depth of the log.
 */
public class AuditQueries {

    private static final String AUDIT = "audit";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final int exportFetchSize;

    public AuditQueries(JdbcTemplate jdbc, TransactionTemplate readOnly, int exportFetchSize) {
        this.jdbc = jdbc;
        this.readOnly = readOnly;
        this.exportFetchSize = exportFetchSize;
    }

    public Page<AuditEntryView> page(AuditFilter filter, String cursor, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = where(filter, args);
        if (cursor != null) {
            List<String> position = Cursors.decode(AUDIT, cursor, 2);
            try {
                args.add(Timestamps.time(Instant.parse(position.get(0))));
            } catch (DateTimeParseException e) {
                throw Cursors.malformed();
            }
            sql.append(" AND (occurred_at, id) < (?, ?)");
            args.add(position.get(1));
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC LIMIT ?");
        args.add(limit + 1);
        List<AuditEntryView> rows = jdbc.query(sql.toString(), (rs, n) -> AuditEntryView.of(rs), args.toArray());
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<AuditEntryView> page = List.copyOf(rows.subList(0, limit));
        AuditEntryView last = page.get(limit - 1);
        return new Page<>(page, Cursors.encode(AUDIT, last.occurredAt(), last.id()));
    }

    /**
     * Every entry the filter selects, newest first, handed to {@code sink} one at a time. The rows
     * stream through a server-side cursor, so an export of a million entries holds one fetch in memory.
     */
    public void export(AuditFilter filter, Consumer<AuditEntryView> sink) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = where(filter, args).append(" ORDER BY occurred_at DESC, id DESC");
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            var statement = connection.prepareStatement(sql.toString());
            statement.setFetchSize(exportFetchSize);
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            return statement;
        }, (RowCallbackHandler) rs -> sink.accept(AuditEntryView.of(rs))));
    }

    private static StringBuilder where(AuditFilter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT " + AuditEntryTable.columns() + " FROM audit_entry WHERE true");
        if (filter.actor() != null) {
            sql.append(" AND actor = ?");
            args.add(filter.actor());
        }
        if (filter.endpointId() != null) {
            sql.append(" AND endpoint_id = ?");
            args.add(filter.endpointId());
        }
        if (filter.action() != null) {
            sql.append(" AND action = ?");
            args.add(filter.action().name());
        }
        if (filter.since() != null) {
            sql.append(" AND occurred_at >= ?");
            args.add(Timestamps.time(filter.since()));
        }
        if (filter.until() != null) {
            sql.append(" AND occurred_at < ?");
            args.add(Timestamps.time(filter.until()));
        }
        return sql;
    }
}
