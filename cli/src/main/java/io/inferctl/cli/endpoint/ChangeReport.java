package io.inferctl.cli.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferctl.cli.output.Printer;

/** A command API answer to a change, for people: what was (or would be) created, each setting old -> new. */
public final class ChangeReport {

    private ChangeReport() {
    }

    public static void print(Printer printer, JsonNode answer) {
        if (printer.printStructured(answer)) {
            return;
        }
        String name = answer.path("name").asText();
        int version = answer.path("version").asInt();
        boolean dryRun = answer.path("dryRun").asBoolean(false);
        if (!answer.path("changed").asBoolean(true)) {
            printer.line(name + ": nothing to change (v" + version + " already has these settings)");
            return;
        }
        String basedOn = answer.path("basedOn").isNumber() ? ", based on v" + answer.path("basedOn").asInt() : "";
        String rollback = answer.path("rollbackOf").isNumber() ? ", settings of v" + answer.path("rollbackOf").asInt() : "";
        if (answer.path("cancellationRequested").asBoolean(false) && answer.path("changes").isEmpty()) {
            printer.line(name + ": cancellation of v" + version + " requested");
            return;
        }
        printer.line((dryRun ? "dry run, nothing stored: would create " : "created ") + name + " v" + version
                + " (" + answer.path("origin").asText() + basedOn + rollback + ")");
        for (JsonNode change : answer.path("changes")) {
            printer.line("  " + change.path("field").asText() + ": " + text(change.get("from")) + " -> " + text(change.get("to")));
        }
    }

    static String text(JsonNode value) {
        return value == null || value.isNull() ? "(none)" : value.isTextual() ? value.asText() : value.toString();
    }
}
