package io.inferctl.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.PrintWriter;
import java.util.List;

/** Everything the tool prints to standard output, in the format and colours asked for. */
public final class Printer {

    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String DIM = "\u001b[2m";

    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputFormat format;
    private final boolean color;
    private final ObjectMapper json;
    private final ObjectMapper yaml;

    public Printer(PrintWriter out, OutputFormat format, boolean color, ObjectMapper json) {
        this(out, out, format, color, json);
    }

    public Printer(PrintWriter out, PrintWriter err, OutputFormat format, boolean color, ObjectMapper json) {
        this.out = out;
        this.err = err;
        this.format = format;
        this.color = color;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    }

    public OutputFormat format() {
        return format;
    }

    public boolean structured() {
        return format != OutputFormat.table;
    }

    /** Prints the API's own answer as JSON or YAML; for a table, does nothing and says so. */
    public boolean printStructured(JsonNode answer) {
        if (!structured()) {
            return false;
        }
        try {
            out.println(format == OutputFormat.json ? json.writeValueAsString(answer) : yaml.writeValueAsString(answer).stripTrailing());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
        return true;
    }

    /**
     * A sentence about the outcome: on standard output for a table, on standard error for json
     * and yaml, so that standard output stays one document a script can parse.
     */
    public void note(String text) {
        (structured() ? err : out).println(text);
        (structured() ? err : out).flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    public void table(List<String> header, List<List<String>> rows) {
        Table.write(out, header, rows, this::paint);
        out.flush();
    }

    /** A status in its colour: green serves, red failed, yellow on its way, dim the past. */
    public String status(String status) {
        return paint(status);
    }

    private String paint(String cell) {
        if (!color || cell == null) {
            return cell;
        }
        String first = cell.split("[ (]", 2)[0];
        String code = switch (first) {
            case "CURRENT", "SERVING" -> GREEN;
            case "FAILED", "NOT_SERVING", "DELETED" -> RED;
            case "PENDING", "ROLLING_OUT", "DEPLOYING", "UPDATING" -> YELLOW;
            case "SUPERSEDED", "CANCELLED" -> DIM;
            default -> null;
        };
        return code == null ? cell : code + cell + RESET;
    }
}
