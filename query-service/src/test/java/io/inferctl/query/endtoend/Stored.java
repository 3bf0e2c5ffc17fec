package io.inferctl.query.endtoend;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row counts of every table a request could change, on both sides: the command service's event
 * store, name registry, idempotency records and webhook integrations, and the query service's read
 * model. Two equal snapshots around a request mean it stored nothing.
 */
final class Stored {

    private static final List<String> COMMAND_TABLES = List.of("domain_event_entry", "snapshot_event_entry",
            "endpoint_name", "idempotency_record", "webhook_integration", "webhook_secret", "webhook_delivery");
    private static final List<String> QUERY_TABLES = List.of("endpoint", "endpoint_version", "audit_entry",
            "processed_event", "parked_event", "refused_event");

    private Stored() {
    }

    static Map<String, Long> counts(JdbcClient commandStore, JdbcTemplate readModel) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : COMMAND_TABLES) {
            counts.put("command." + table, commandStore.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        for (String table : QUERY_TABLES) {
            counts.put("query." + table, readModel.queryForObject("SELECT count(*) FROM " + table, Long.class));
        }
        return counts;
    }
}
