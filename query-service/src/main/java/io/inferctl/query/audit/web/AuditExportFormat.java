package io.inferctl.query.audit.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.query.audit.AuditEntryView;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The two streamed forms of the audit log: one JSON object per line, or RFC 4180 CSV with a header row. */
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

    CSV(MediaType.parseMediaType("text/csv")) {
        private static final List<String> COLUMNS = List.of("id", "occurredAt", "actor", "action", "endpointId",
                "endpointName", "version", "changedFields", "comment", "detail");

        @Override
        void begin(Writer out) throws IOException {
            out.write(String.join(",", COLUMNS));
            out.write("\r\n");
        }

        @Override
        void write(Writer out, AuditEntryView e, ObjectMapper json) throws IOException {
            out.write(Stream.of(e.id(), e.occurredAt(), e.actor(), e.action(), e.endpointId(), e.endpointName(),
                            e.version(), String.join(";", e.changedFields()), e.comment(), e.detail())
                    .map(AuditExportFormat::csvField)
                    .collect(Collectors.joining(",")));
            out.write("\r\n");
        }
    };

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

    private static String csvField(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
