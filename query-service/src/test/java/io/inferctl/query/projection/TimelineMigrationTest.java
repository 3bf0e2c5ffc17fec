package io.inferctl.query.projection;

import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration that gives timelines rows of their own, run on a schema of its own that holds
 * versions projected before it: each stored JSON timeline becomes rows in the same order.
 */
class TimelineMigrationTest {

    private static final String LOCATION = "classpath:db/query-service";
    private static final String BEFORE_TIMELINE_ROWS = "3";
    private static final String STEP_0 = "{\"event\":\"EndpointVersionCreated\",\"status\":\"PENDING\",\"phase\":null,"
            + "\"at\":\"2026-01-01T10:00:00.000001Z\",\"by\":\"alice\",\"message\":\"first, \\\"quoted\\\"\"}";
    private static final String STEP_1 = "{\"event\":\"RolloutStarted\",\"status\":\"ROLLING_OUT\",\"phase\":null,"
            + "\"at\":\"2026-01-01T10:00:01Z\",\"by\":\"worker\",\"message\":null}";
    private static final String STEP_2 = "{\"event\":\"RolloutProgressed\",\"status\":\"ROLLING_OUT\","
            + "\"phase\":\"PREFLIGHT\",\"at\":\"2026-01-01T10:00:02Z\",\"by\":\"worker\",\"message\":\"]\"}";
    private static final String JSONB_PRINTED = "{\"at\": \"2026-01-01T11:00:00Z\", \"by\": \"bob\","
            + " \"event\": \"EndpointVersionCreated\", \"phase\": null, \"status\": \"PENDING\", \"message\": null}";

    private final String schema = "timeline_migration_" + UUID.randomUUID().toString().replace("-", "");
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void migrateToTheVersionBeforeTimelineRows() {
        String url = SharedInfrastructure.postgres().ensureDatabase("query_service_migration_test");
        dataSource = new SingleConnectionDataSource(url, EmbeddedPostgresServer.USER, "", true);
        jdbc = new JdbcTemplate(dataSource);
        flyway().target(BEFORE_TIMELINE_ROWS).load().migrate();
        jdbc.execute("SET search_path TO " + schema);
    }

    @AfterEach
    void dropTheSchema() {
        jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        dataSource.destroy();
    }

    @Test
    void storedTimelinesBecomeOneRowPerStepInTheirOrderWithTheStepsTextAndTheArrayColumnIsGone() {
        storeVersion(0, "[" + STEP_0 + "," + STEP_1 + "," + STEP_2 + "]");
        // As jsonb printed it (keys reordered, spaced), which V2 left in place for rows projected before it.
        storeVersion(1, "[" + JSONB_PRINTED + "]");
        storeVersion(2, "[]");

        flyway().load().migrate();

        List<Map<String, Object>> steps = jdbc.queryForList("SELECT version, ordinal, step::text AS step"
                + " FROM version_timeline ORDER BY version, ordinal");
        assertThat(steps).extracting(step -> step.get("version") + "/" + step.get("ordinal") + " " + step.get("step"))
                .containsExactly(
                        "0/0 " + STEP_0,
                        "0/1 " + STEP_1,
                        "0/2 " + STEP_2,
                        "1/0 " + JSONB_PRINTED);
        assertThat(jdbc.queryForObject("SELECT " + TimelineTable.aggregate("version_timeline", "v")
                + " FROM endpoint_version v WHERE version = 0", String.class))
                .isEqualTo("[" + STEP_0 + "," + STEP_1 + "," + STEP_2 + "]");
        assertThat(jdbc.queryForList("SELECT timeline_length FROM endpoint_version ORDER BY version", Integer.class))
                .containsExactly(3, 1, 0);
        assertThat(jdbc.queryForList("SELECT column_name FROM information_schema.columns WHERE table_schema = ?"
                + " AND table_name = 'endpoint_version'", String.class, schema)).doesNotContain("timeline");
    }

    private void storeVersion(int version, String timeline) {
        jdbc.update("INSERT INTO endpoint_version (endpoint_id, version, status, origin, created_by, created_at,"
                + " config, changes, timeline) VALUES ('e-1', ?, 'PENDING', 'CREATE', 'alice', now(), '{}', '[]', ?::json)",
                version, timeline);
    }

    private org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
        return Flyway.configure().dataSource(dataSource).schemas(schema).locations(LOCATION);
    }
}
