package io.inferctl.query.projection;

import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/**
 * Rows in PostgreSQL's {@code COPY ... FROM STDIN} text format: tab-separated columns, {@code \N}
 * for null, and backslash escapes for the characters that would end a column or a row.
 */
final class CopyRows {

    /**
     * A rebuild batch's rows run to hundreds of kilobytes: starting at 64 KiB spares the first
     * dozen doublings of the buffer, and costs nothing worth counting for a small batch.
     */
    private static final int INITIAL_CAPACITY = 64 * 1024;

    private final StringBuilder text = new StringBuilder(INITIAL_CAPACITY);
    private boolean rowStarted;

    CopyRows text(String value) {
        separate();
        if (value == null) {
            text.append("\\N");
        } else {
            escape(value);
        }
        return this;
    }

    CopyRows number(Number value) {
        separate();
        text.append(value == null ? "\\N" : value.toString());
        return this;
    }

    CopyRows number(long value) {
        separate();
        text.append(value);
        return this;
    }

    CopyRows bool(boolean value) {
        separate();
        text.append(value ? 't' : 'f');
        return this;
    }

    /** ISO-8601 with an offset, which a timestamptz column reads as the same instant. */
    CopyRows time(Instant value) {
        return text(value == null ? null : value.toString());
    }

    /** A text[] literal: each element double-quoted, so commas, braces and spaces stay inside it. */
    CopyRows texts(List<String> values) {
        return text(arrayLiteral(values));
    }

    /** A text[] literal as PostgreSQL reads it, e.g. from a text cast to {@code text[]}. */
    static String arrayLiteral(List<String> values) {
        StringBuilder array = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                array.append(',');
            }
            String value = values.get(i);
            if (value == null) {
                array.append("NULL");
            } else {
                array.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return array.append('}').toString();
    }

    CopyRows end() {
        text.append('\n');
        rowStarted = false;
        return this;
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    Reader reader() {
        return new StringReader(text.toString());
    }

    private void separate() {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
    }

    /**
     * Rendered JSON rarely holds a character COPY must see escaped, so a value without one is appended
     * whole: a rebuild escapes every snapshot and timeline step it writes, and appending them char by
     * char was a third of its writer thread's time (JFR).
     */
    private void escape(String value) {
        int i = 0;
        while (i < value.length() && escaped(value.charAt(i)) == null) {
            i++;
        }
        if (i == value.length()) {
            text.append(value);
            return;
        }
        text.append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            String escaped = escaped(c);
            if (escaped == null) {
                text.append(c);
            } else {
                text.append(escaped);
            }
        }
    }

    private static String escaped(char c) {
        return switch (c) {
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
        };
    }
}
