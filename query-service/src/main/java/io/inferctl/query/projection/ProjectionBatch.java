package io.inferctl.query.projection;

import io.inferctl.query.projection.model.AuditEntryRow;
import io.inferctl.query.projection.model.EndpointRow;
import io.inferctl.query.projection.model.VersionRow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows one batch of events reads and changes, loaded in bulk before the batch and written in
 * bulk after it: a batch costs a handful of statements however many events it holds.
 */
public final class ProjectionBatch {

    public record VersionKey(String endpointId, int version) {
    }

    private final Map<String, EndpointRow> endpoints = new LinkedHashMap<>();
    private final Map<VersionKey, VersionRow> versions = new LinkedHashMap<>();
    private final Set<String> changedEndpoints = new LinkedHashSet<>();
    private final Set<VersionKey> changedVersions = new LinkedHashSet<>();
    private final Set<VersionKey> createdVersions = new LinkedHashSet<>();
    private final List<AuditEntryRow> auditEntries = new ArrayList<>();

    ProjectionBatch(Collection<EndpointRow> loadedEndpoints, Collection<VersionRow> loadedVersions) {
        loadedEndpoints.forEach(row -> endpoints.put(row.endpointId(), row));
        loadedVersions.forEach(row -> versions.put(new VersionKey(row.endpointId(), row.version()), row));
    }

    /** The endpoint's row, if it exists, to read. */
    public EndpointRow endpoint(String endpointId) {
        return endpoints.get(endpointId);
    }

    /** The endpoint's row, to change: it will be written at the end of the batch. */
    public EndpointRow changeEndpoint(String endpointId) {
        EndpointRow row = endpoints.get(endpointId);
        if (row == null) {
            throw new IllegalStateException("no row for endpoint " + endpointId);
        }
        changedEndpoints.add(endpointId);
        return row;
    }

    public void addEndpoint(EndpointRow row) {
        endpoints.put(row.endpointId(), row);
        changedEndpoints.add(row.endpointId());
    }

    public VersionRow version(String endpointId, int version) {
        return versions.get(new VersionKey(endpointId, version));
    }

    public VersionRow changeVersion(String endpointId, int version) {
        VersionKey key = new VersionKey(endpointId, version);
        VersionRow row = versions.get(key);
        if (row == null) {
            throw new IllegalStateException("no row for version " + key);
        }
        changedVersions.add(key);
        return row;
    }

    public void addVersion(VersionRow row) {
        VersionKey key = new VersionKey(row.endpointId(), row.version());
        versions.put(key, row);
        createdVersions.add(key);
    }

    public void addAuditEntry(AuditEntryRow entry) {
        auditEntries.add(entry);
    }

    List<EndpointRow> changedEndpoints() {
        return changedEndpoints.stream().map(endpoints::get).toList();
    }

    /** Versions created in this batch: written whole. */
    List<VersionRow> createdVersions() {
        return createdVersions.stream().map(versions::get).toList();
    }

    /** Versions that existed before this batch and changed in it: only their rollout state is written. */
    List<VersionRow> changedVersions() {
        return changedVersions.stream().filter(key -> !createdVersions.contains(key)).map(versions::get).toList();
    }

    List<AuditEntryRow> auditEntries() {
        return auditEntries;
    }
}
