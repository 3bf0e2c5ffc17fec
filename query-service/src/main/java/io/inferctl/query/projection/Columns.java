package io.inferctl.query.projection;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of a table, in one order, from which its bulk statements are made: an {@code unnest}
 * insert or update that binds one array per column (one round trip and one cached plan whatever the
 * batch's size, where a rewritten JDBC batch is cut into several statements of different shapes),
 * and a {@code COPY} in the same order. Table names come from {@link ReadModelTables}, never from input.
 */
final class Columns<R> {

    private final List<Column<R, ?>> columns;

    @SafeVarargs
    Columns(Column<R, ?>... columns) {
        this.columns = List.of(columns);
    }

    private Columns(List<Column<R, ?>> columns) {
        this.columns = List.copyOf(columns);
    }

    /** These columns but the given ones, e.g. those an upsert never rewrites. */
    Columns<R> without(Column<?, ?>... excluded) {
        List<Column<R, ?>> rest = new ArrayList<>(columns);
        rest.removeAll(List.of(excluded));
        return new Columns<>(rest);
    }

    /** The column names, comma-separated, for a select list or an insert's target list. */
    String names() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** {@code INSERT INTO table (...) SELECT ... FROM unnest(...)}, with one array parameter per column. */
    String insert(String table) {
        return "INSERT INTO " + table + " (" + names() + ") SELECT "
                + columns.stream().map(Columns::castFromElement).collect(Collectors.joining(", "))
                + " FROM " + unnest();
    }

    /**
     * {@code UPDATE table t SET ... FROM unnest(...) u WHERE} the key columns match, with one array
     * parameter per column, keys first.
     */
    String update(String table, Columns<R> keys) {
        Columns<R> all = new Columns<>(concat(keys.columns, columns));
        return "UPDATE " + table + " t SET "
                + columns.stream().map(c -> c.name() + " = " + castFromElement(c)).collect(Collectors.joining(", "))
                + " FROM " + all.unnest() + " WHERE " + keys.matching();
    }

    /** {@code DELETE FROM table t USING unnest(...) u WHERE} all these columns match: deletes rows by key. */
    String delete(String table) {
        return "DELETE FROM " + table + " t USING " + unnest() + " WHERE " + matching();
    }

    /** {@code col = excluded.col} for each column, for an upsert's {@code DO UPDATE SET}. */
    String fromExcluded() {
        return columns.stream().map(c -> c.name() + " = excluded." + c.name()).collect(Collectors.joining(", "));
    }

    /** Binds one array per column, starting at parameter {@code first}; returns the next free parameter. */
    int bind(PreparedStatement statement, int first, Collection<? extends R> rows) throws SQLException {
        Connection connection = statement.getConnection();
        int parameter = first;
        for (Column<R, ?> column : columns) {
            statement.setArray(parameter++, connection.createArrayOf(column.type().arrayType(), elements(column, rows)));
        }
        return parameter;
    }

    /** Binds the key columns' arrays and then these columns', as {@link #update} expects them. */
    int bindUpdate(PreparedStatement statement, int first, Columns<R> keys, Collection<? extends R> rows)
            throws SQLException {
        return bind(statement, keys.bind(statement, first, rows), rows);
    }

    /**
     * Appends the rows with {@code COPY}: the rebuild's way to fill empty tables, far cheaper than
     * inserts. In the binary format when every column's type has one, which the server reads cheaper.
     */
    void copy(JdbcTemplate jdbc, String table, Collection<? extends R> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (columns.stream().allMatch(column -> column.type().toBinary() != null)) {
            copyBinary(jdbc, table, rows);
            return;
        }
        CopyRows text = new CopyRows();
        for (R row : rows) {
            columns.forEach(column -> append(text, column, row));
            text.end();
        }
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + table + " (" + names() + ") FROM STDIN", text.reader());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void copyBinary(JdbcTemplate jdbc, String table, Collection<? extends R> rows) {
        CopyBinaryRows binary = new CopyBinaryRows();
        for (R row : rows) {
            binary.row(columns.size());
            columns.forEach(column -> appendBinary(binary, column, row));
        }
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY " + table + " (" + names() + ") FROM STDIN (FORMAT binary)", binary.stream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private String matching() {
        return columns.stream().map(c -> "t." + c.name() + " = u." + c.name()).collect(Collectors.joining(" AND "));
    }

    private String unnest() {
        return "unnest(" + columns.stream().map(c -> "?::" + c.type().arrayType() + "[]")
                .collect(Collectors.joining(", ")) + ") AS u(" + names() + ")";
    }

    private static String castFromElement(Column<?, ?> column) {
        ColumnType<?> type = column.type();
        return type.sqlType().equals(type.arrayType()) ? "u." + column.name()
                : "u." + column.name() + "::" + type.sqlType();
    }

    private static <R, V> Object[] elements(Column<R, V> column, Collection<? extends R> rows) {
        Object[] elements = new Object[rows.size()];
        int i = 0;
        for (R row : rows) {
            elements[i++] = column.type().toElement().apply(column.value().apply(row));
        }
        return elements;
    }

    private static <R, V> void appendBinary(CopyBinaryRows binary, Column<R, V> column, R row) {
        column.type().toBinary().accept(binary, column.value().apply(row));
    }

    private static <R, V> void append(CopyRows text, Column<R, V> column, R row) {
        column.type().toCopy().accept(text, column.value().apply(row));
    }

    private static <R> List<Column<R, ?>> concat(List<Column<R, ?>> first, List<Column<R, ?>> second) {
        List<Column<R, ?>> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
