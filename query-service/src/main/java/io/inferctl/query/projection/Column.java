package io.inferctl.query.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Function;

/** One column of a read-model table: its name, its type, and which part of a row it holds. */
record Column<R, V>(String name, ColumnType<V> type, Function<R, V> value) {

    static <R, V> Column<R, V> of(String name, ColumnType<V> type, Function<R, V> value) {
        return new Column<>(name, type, value);
    }

    V read(ResultSet rs) throws SQLException {
        return type.reader().read(rs, name);
    }
}
