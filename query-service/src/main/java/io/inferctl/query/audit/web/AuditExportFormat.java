package io.inferctl.query.audit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.query.audit.AuditEntryView;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * The two streamed forms of the audit log: one JSON object per line, or RFC 4180 CSV with a header
 * row (UTF-8), whose cells a spreadsheet cannot mistake for formulas.
 */
enum AuditExportFormat {

    NDJSON(MediaType.parseMediaType("application/x-ndjson")) {
        @Override
        void begin(Writer out) {
        }

        @Override
        void write(Writer out, AuditEntryView entry, ObjectMapper json) throws IOException {
            out.write(json.writeValueAsString(entry));
            out.write('\n');
        }
    },

    CSV(new MediaType("text", "csv", StandardCharsets.UTF_8)) {
        private static final List<String> COLUMNS = List.of("id", "occurredAt", "actor", "action", "endpointId",
                "endpointName", "version", "changedFields", "comment", "detail");

        @Override
        void begin(Writer out) throws IOException {
            new CSVPrinter(out, CSV_FORMAT).printRecord(COLUMNS);
        }

        @Override
        void write(Writer out, AuditEntryView e, ObjectMapper json) throws IOException {
            // Not closed: that would close the response's writer, which the export goes on writing to.
            new CSVPrinter(out, CSV_FORMAT).printRecord(Stream.of(e.id(), e.occurredAt(), e.actor(), e.action(),
                            e.endpointId(), e.endpointName(), e.version(), String.join(";", e.changedFields()),
                            e.comment(), e.detail())
                    .map(AuditExportFormat::spreadsheetSafe));
        }
    };

    /** RFC 4180: comma-separated, CRLF after each row, a cell quoted only when it must be. */
    private static final CSVFormat CSV_FORMAT = CSVFormat.RFC4180;

    /**
     * Spreadsheets run a cell that begins with one of these as a formula (CSV injection); OWASP's
     * advice is to prefix such a cell with a single quote, which they show as text and do not run.
     */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final MediaType mediaType;

    AuditExportFormat(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    abstract void begin(Writer out) throws IOException;

    abstract void write(Writer out, AuditEntryView entry, ObjectMapper json) throws IOException;

    void writeUnchecked(Writer out, AuditEntryView entry, ObjectMapper json) {
        try {
            write(out, entry, json);
        } catch (IOException e) {
            throw new UncheckedIOException("the client stopped reading the export", e);
        }
    }

    /** The cell as text, with a single quote in front if a spreadsheet would take it for a formula. */
    static String spreadsheetSafe(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
