package io.inferctl.query.projection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The names of one complete set of read-model tables. Queries always read the live set; a rebuild
 * fills a prefixed copy and swaps it in, and tests project into copies of their own.
 */
public record ReadModelTables(String endpoint, String version, String versionTimeline, String auditEntry,
                              String processedEvent, String parkedEvent) {

    /** Prefixes become part of SQL identifiers, so they are held to plain lower-case names. */
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}_|");

    public static final ReadModelTables LIVE = withPrefix("");

    public static ReadModelTables withPrefix(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("not a table prefix: '" + prefix + "'");
        }
        return new ReadModelTables(prefix + "endpoint", prefix + "endpoint_version", prefix + "version_timeline",
                prefix + "audit_entry",
                prefix + "processed_event", prefix + "parked_event");
    }

    /** The prefix of these tables' names; their indexes are named with it too. */
    public String prefix() {
        return endpoint.substring(0, endpoint.length() - "endpoint".length());
    }

    /** Every table, in the order they are created, swapped and dropped. */
    public List<String> all() {
        return List.of(endpoint, version, versionTimeline, auditEntry, processedEvent, parkedEvent);
    }
}
