package io.inferctl.query.projection;

import io.inferctl.infra.SharedInfrastructure;
import io.inferctl.infra.postgres.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.inferctl.query.projection.ColumnType.BIGINT;
import static io.inferctl.query.projection.ColumnType.BOOLEAN;
import static io.inferctl.query.projection.ColumnType.INTEGER;
import static io.inferctl.query.projection.ColumnType.TEXT;
import static io.inferctl.query.projection.ColumnType.TIMESTAMPTZ;
import static io.inferctl.query.projection.ColumnType.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild loads its tables with binary {@code COPY} where the projector inserts rows through
 * {@code unnest} of text: both must store the same values, or a rebuilt read model would differ.
 */
class BinaryCopyTest {

    record Row(String text, Integer number, Long big, Boolean flag, Instant at, Map<String, Object> json) {
    }

    private static final Columns<Row> COLUMNS = new Columns<>(
            Column.of("text", TEXT, Row::text),
            Column.of("number", INTEGER, Row::number),
            Column.of("big", BIGINT, Row::big),
            Column.of("flag", BOOLEAN, Row::flag),
            Column.of("at", TIMESTAMPTZ, Row::at),
            Column.of("json", json("json", Object.class), row -> row.json()));

    private static final List<Row> ROWS = List.of(
            new Row("tab\there, line\nbreak, back\\slash, ünïcødé ✓", Integer.MIN_VALUE, Long.MAX_VALUE, true,
                    Instant.parse("2026-12-04T18:00:00.123456500Z"), Map.of("message", "a \"quoted\"\n\\ step")),
            new Row("", Integer.MAX_VALUE, Long.MIN_VALUE, false,
                    Instant.parse("2026-12-04T18:00:00.123457500Z"), Map.of()),
            new Row("rounds up into the next second", 0, 0L, true,
                    Instant.parse("1999-12-31T23:59:59.999999999Z"), Map.of("n", 1)),
            new Row(null, null, null, null, null, null));

    private final String schema = "binary_copy_" + UUID.randomUUID().toString().replace("-", "");
    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void createTwoTables() {
        String url = SharedInfrastructure.postgres().ensureDatabase("query_service_binary_copy_test");
        dataSource = new SingleConnectionDataSource(url, EmbeddedPostgresServer.USER, "", true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE SCHEMA " + schema);
        jdbc.execute("SET search_path TO " + schema);
        jdbc.execute("SET TIME ZONE 'UTC'");
        for (String table : List.of("copied", "inserted")) {
            jdbc.execute("CREATE TABLE " + table + " (text text, number integer, big bigint, flag boolean,"
                    + " at timestamptz, json json)");
        }
    }

    @AfterEach
    void dropTheSchema() {
        jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
        dataSource.destroy();
    }

    @Test
    void rowsCopiedInBinaryAreStoredExactlyAsTheProjectorsInsertStoresThem() {
        COLUMNS.copy(jdbc, "copied", ROWS);
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(COLUMNS.insert("inserted"));
            COLUMNS.bind(statement, 1, ROWS);
            return statement;
        });

        String select = "SELECT text, number, big, flag, at, json::text FROM %s ORDER BY number NULLS LAST";
        List<Map<String, Object>> copied = jdbc.queryForList(select.formatted("copied"));
        assertThat(copied).hasSize(ROWS.size()).isEqualTo(jdbc.queryForList(select.formatted("inserted")));
        assertThat(copied.get(0).get("text")).isEqualTo(ROWS.get(0).text());
        assertThat(jdbc.queryForObject("SELECT at::text FROM copied WHERE number = 0", String.class))
                .isEqualTo("2000-01-01 00:00:00+00");
    }
}
