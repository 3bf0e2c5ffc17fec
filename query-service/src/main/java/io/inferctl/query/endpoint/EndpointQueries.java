package io.inferctl.query.endpoint;

import io.inferctl.events.config.EndpointConfig;
import io.inferctl.query.projection.EndpointTable;
import io.inferctl.query.projection.VersionTable;
import io.inferctl.query.projection.model.EndpointStatus;
import io.inferctl.query.web.Cursors;
import io.inferctl.query.web.NotFoundException;
import io.inferctl.query.web.Page;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads endpoints and versions from the live read model. Lists are keyset-paged (no OFFSET): a page
 * costs the same at version 10 as at version 100,000.
 */
public class EndpointQueries {

    private static final String ENDPOINTS = "endpoints";
    private static final String VERSIONS = "versions";

    /**
     * One page of an endpoint's versions, newest first: a backward range scan of the primary key.
     * Public so the query benchmark explains the statement the API runs, not a copy of it.
     */
    public static final String VERSION_PAGE = "SELECT " + VersionView.COLUMNS + " FROM endpoint_version v"
            + " WHERE endpoint_id = ? AND version < ? ORDER BY version DESC LIMIT ?";

    private final JdbcTemplate jdbc;

    public EndpointQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Endpoints by name (then id), optionally with one status. */
    public Page<EndpointView> endpoints(EndpointStatus status, String cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + EndpointTable.columns() + " FROM endpoint WHERE true");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        if (cursor != null) {
            List<String> position = Cursors.decode(ENDPOINTS, cursor, 2);
            sql.append(" AND (name, endpoint_id) > (?, ?)");
            args.add(position.get(0));
            args.add(position.get(1));
        }
        sql.append(" ORDER BY name, endpoint_id LIMIT ?");
        args.add(limit + 1);
        List<EndpointView> rows = jdbc.query(sql.toString(), (rs, n) -> EndpointView.of(rs),
                args.toArray());
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<EndpointView> page = rows.subList(0, limit);
        EndpointView last = page.get(limit - 1);
        return new Page<>(List.copyOf(page), Cursors.encode(ENDPOINTS, last.name(), last.endpointId()));
    }

    public EndpointView endpoint(String endpointId) {
        List<EndpointView> rows = jdbc.query("SELECT " + EndpointTable.columns() + " FROM endpoint WHERE endpoint_id = ?",
                (rs, n) -> EndpointView.of(rs), endpointId);
        if (rows.isEmpty()) {
            throw NotFoundException.endpoint(endpointId);
        }
        return rows.get(0);
    }

    /** Versions newest first. The cursor holds the endpoint and the last version handed out. */
    public Page<VersionView> versions(String endpointId, String cursor, int limit) {
        int before = Integer.MAX_VALUE;
        if (cursor != null) {
            List<String> position = Cursors.decode(VERSIONS, cursor, 2);
            if (!position.get(0).equals(endpointId)) {
                throw Cursors.malformed();
            }
            try {
                before = Integer.parseInt(position.get(1));
            } catch (NumberFormatException e) {
                throw Cursors.malformed();
            }
        }
        List<VersionView> rows = jdbc.query(VERSION_PAGE, (rs, n) -> VersionView.of(rs), endpointId, before, limit + 1);
        if (rows.isEmpty()) {
            endpoint(endpointId); // versions exist only for endpoints that do: only an empty page may be a 404
        }
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<VersionView> page = List.copyOf(rows.subList(0, limit));
        return new Page<>(page, Cursors.encode(VERSIONS, endpointId, page.get(limit - 1).version()));
    }

    public VersionView version(String endpointId, int version) {
        List<VersionView> rows = jdbc.query("SELECT " + VersionView.COLUMNS + " FROM endpoint_version v"
                + " WHERE endpoint_id = ? AND version = ?", (rs, n) -> VersionView.of(rs), endpointId, version);
        if (rows.isEmpty()) {
            endpoint(endpointId);
            throw NotFoundException.version(endpointId, version, "version");
        }
        return rows.get(0);
    }

    /** Every setting that differs from version {@code from} to version {@code to}. */
    public DiffView diff(String endpointId, int from, int to) {
        EndpointConfig before = config(endpointId, from, "from");
        EndpointConfig after = config(endpointId, to, "to");
        return new DiffView(endpointId, from, to, after.changesFrom(before));
    }

    private EndpointConfig config(String endpointId, int version, String parameter) {
        List<EndpointConfig> rows = jdbc.query("SELECT config FROM endpoint_version WHERE endpoint_id = ? AND version = ?",
                (rs, n) -> VersionTable.config(rs), endpointId, version);
        if (rows.isEmpty()) {
            endpoint(endpointId);
            throw NotFoundException.version(endpointId, version, parameter);
        }
        return rows.get(0);
    }
}
