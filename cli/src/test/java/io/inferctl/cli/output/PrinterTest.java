package io.inferctl.cli.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrinterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tableColumnsLineUpOnTheWidestCellEvenWhenColoured() {
        StringWriter plain = new StringWriter();
        StringWriter coloured = new StringWriter();
        List<List<String>> rows = List.of(List.of("v1", "CURRENT", "ok"), List.of("v0", "FAILED (INSUFFICIENT_GPU)", "too big"));

        new Printer(new PrintWriter(plain), OutputFormat.table, false, JSON).table(List.of("VERSION", "STATUS", "COMMENT"), rows);
        new Printer(new PrintWriter(coloured), OutputFormat.table, true, JSON).table(List.of("VERSION", "STATUS", "COMMENT"), rows);

        assertThat(plain.toString().lines().toList()).containsExactly(
                "VERSION   STATUS                      COMMENT",
                "v1        CURRENT                     ok",
                "v0        FAILED (INSUFFICIENT_GPU)   too big");
        assertThat(coloured.toString().replaceAll("\u001b\\[\\d+m", "")).isEqualTo(plain.toString());
        assertThat(coloured.toString()).contains("\u001b[32mCURRENT\u001b[0m");
    }

    @Test
    void jsonAndYamlPrintTheAnswerAsItIsAndATableLeavesItToTheCommand() throws Exception {
        var answer = JSON.readTree("{\"version\":1,\"status\":\"CURRENT\",\"failure\":null}");
        StringWriter json = new StringWriter();
        StringWriter yaml = new StringWriter();

        boolean printedJson = new Printer(new PrintWriter(json), OutputFormat.json, false, JSON).printStructured(answer);
        new Printer(new PrintWriter(yaml), OutputFormat.yaml, false, JSON).printStructured(answer);
        boolean printedTable = new Printer(new PrintWriter(new StringWriter()), OutputFormat.table, false, JSON).printStructured(answer);

        assertThat(printedJson).isTrue();
        assertThat(JSON.readTree(json.toString())).isEqualTo(answer);
        assertThat(yaml.toString()).isEqualTo("version: 1\nstatus: CURRENT\nfailure: null\n");
        assertThat(printedTable).isFalse();
    }
}
