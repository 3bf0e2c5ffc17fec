package io.inferctl.query.projection;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CopyRowsTest {

    @Test
    void textWithoutSpecialCharactersIsWrittenAsItIs() throws IOException {
        assertThat(rows(new CopyRows().text("{\"event\":\"RolloutStarted\",\"by\":\"rollout-worker\"}").end()))
                .isEqualTo("{\"event\":\"RolloutStarted\",\"by\":\"rollout-worker\"}\n");
    }

    @Test
    void backslashesAndLineBreaksAndTabsAreEscapedWhereverTheyStand() throws IOException {
        assertThat(rows(new CopyRows().text("\\first").text("mid\ndle\r").text("ta\tb\\").end()))
                .isEqualTo("\\\\first\tmid\\ndle\\r\tta\\tb\\\\\n");
    }

    @Test
    void nullIsWrittenAsCopysNullMarker() throws IOException {
        assertThat(rows(new CopyRows().text(null).text("").end())).isEqualTo("\\N\t\n");
    }

    private static String rows(CopyRows rows) throws IOException {
        StringWriter text = new StringWriter();
        try (Reader reader = rows.reader()) {
            reader.transferTo(text);
        }
        return text.toString();
    }
}
