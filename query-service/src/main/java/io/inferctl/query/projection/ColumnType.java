package io.inferctl.query.projection;

import com.fasterxml.jackson.core.type.TypeReference;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How values of one Java type travel to a column and back: as an element of the array bound for an
 * {@code unnest} insert (with the cast that turns the element into the column's type), as a field of
 * a {@code COPY} row, and out of a result set.
 *
 * @param sqlType    the column's type, which the unnested element is cast to when they differ
 * @param arrayType  the element type of the JDBC array bound for the column
 * @param toElement  the value as an element of that array
 * @param toCopy     appends the value to a COPY row
 * @param toBinary   appends the value to a binary COPY row, or {@code null} where the type has no binary form here
 * @param reader     reads the value from a result set by column name
 */
record ColumnType<V>(String sqlType, String arrayType, Function<V, Object> toElement, BiConsumer<CopyRows, V> toCopy,
                     BiConsumer<CopyBinaryRows, V> toBinary, Reader<V> reader) {

    @FunctionalInterface
    interface Reader<V> {
        V read(ResultSet rs, String column) throws SQLException;
    }

    static final ColumnType<String> TEXT = new ColumnType<>("text", "text", value -> value, CopyRows::text,
            CopyBinaryRows::text, ResultSet::getString);
    static final ColumnType<Integer> INTEGER = new ColumnType<>("integer", "integer", value -> value,
            CopyRows::number, CopyBinaryRows::integer, (rs, column) -> rs.getObject(column, Integer.class));
    static final ColumnType<Long> BIGINT = new ColumnType<>("bigint", "bigint", value -> value, CopyRows::number,
            CopyBinaryRows::bigint, (rs, column) -> rs.getObject(column, Long.class));
    static final ColumnType<Boolean> BOOLEAN = new ColumnType<>("boolean", "boolean", value -> value,
            CopyRows::bool, CopyBinaryRows::bool, ResultSet::getBoolean);
    /** Instants travel as ISO-8601 text, which PostgreSQL reads as the same timestamptz. */
    static final ColumnType<Instant> TIMESTAMPTZ = new ColumnType<>("timestamptz", "text",
            value -> value == null ? null : value.toString(), CopyRows::time, CopyBinaryRows::time, Timestamps::instant);
    /**
     * A text[] column. Each value travels as one array literal, since an array of arrays bound for
     * {@code unnest} would have to be rectangular.
     */
    static final ColumnType<List<String>> TEXT_ARRAY = new ColumnType<>("text[]", "text",
            value -> value == null ? null : CopyRows.arrayLiteral(value), CopyRows::texts, null, ColumnType::readTexts);

    static <E extends Enum<E>> ColumnType<E> enumOf(Class<E> type) {
        return new ColumnType<>("text", "text", value -> value == null ? null : value.name(),
                (rows, value) -> rows.text(value == null ? null : value.name()),
                (rows, value) -> rows.text(value == null ? null : value.name()),
                (rs, column) -> {
                    String name = rs.getString(column);
                    return name == null ? null : Enum.valueOf(type, name);
                });
    }

    /** A value stored as the JSON text {@link StoredJson} renders, in a {@code json} or {@code jsonb} column. */
    static <T> ColumnType<T> json(String sqlType, Class<T> type) {
        return new ColumnType<>(sqlType, "text", StoredJson::write,
                (rows, value) -> rows.text(StoredJson.write(value)), jsonBinary(sqlType),
                (rs, column) -> StoredJson.read(rs.getString(column), type));
    }

    static <T> ColumnType<T> json(String sqlType, TypeReference<T> type) {
        return new ColumnType<>(sqlType, "text", StoredJson::write,
                (rows, value) -> rows.text(StoredJson.write(value)), jsonBinary(sqlType),
                (rs, column) -> StoredJson.read(rs.getString(column), type));
    }

    /** json's binary form is its text; jsonb's has a version byte in front, and is not written here. */
    private static <T> BiConsumer<CopyBinaryRows, T> jsonBinary(String sqlType) {
        return sqlType.equals("json") ? (rows, value) -> rows.text(StoredJson.write(value)) : null;
    }

    private static List<String> readTexts(ResultSet rs, String column) throws SQLException {
        Array values = rs.getArray(column);
        return values == null ? List.of() : List.of((String[]) values.getArray());
    }
}
