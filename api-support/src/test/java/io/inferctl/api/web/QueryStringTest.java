package io.inferctl.api.web;

import io.inferctl.api.web.QueryString.MalformedQueryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryStringTest {

    @Test
    void namesComeDecodedOnceEachInTheOrderWritten() throws MalformedQueryException {
        assertThat(QueryString.names("limit=5&cursor=a%2Bb&limit=6&min+seq=1&flag&&caf%C3%A9=x"))
                .containsExactly("limit", "cursor", "min seq", "flag", "café");
    }

    @Test
    void aMissingOrEmptyQueryStringHasNoNames() throws MalformedQueryException {
        assertThat(QueryString.names(null)).isEmpty();
        assertThat(QueryString.names("")).isEmpty();
        assertThat(QueryString.names("&&")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "cursor=%%%garbage  | cursor | '%' at position 1 of its value is not followed by two hexadecimal digits",
            "limit=5&cursor=ab% | cursor | '%' at position 3 of its value",
            "cursor=%zz         | cursor | '%' at position 1 of its value",
            "cursor=%FF         | cursor | its value is not percent-encoded UTF-8",
            "cur%sor=1          |        | '%' at position 4 of its name",
            "=5                 |        | a parameter has no name"})
    void aPairThatCannotBeDecodedIsRefusedNamingTheParameterWhenItCan(String raw, String parameter, String reason) {
        assertThatThrownBy(() -> QueryString.names(raw))
                .isInstanceOfSatisfying(MalformedQueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo(parameter);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @Test
    void aNameGivenMoreThanOnceIsRepeatedHoweverItIsEncoded() throws MalformedQueryException {
        assertThat(QueryString.repeated("limit=1&cursor=a&limit=500&li%6Dit=2&cursor")).containsExactly("limit", "cursor");
        assertThat(QueryString.repeated("limit=1&cursor=a")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "actor=a%00b        | actor  | its value must not contain control characters (found U+0000 at position 2)",
            "actor=%C2%85       | actor  | its value must not contain control characters (found U+0085 at position 1)",
            "x%0Ay=1            |        | its name must not contain control characters (found U+000A at position 2)"})
    void aControlCharacterIsRefusedWhereParametersAreNoText(String raw, String parameter, String reason)
            throws MalformedQueryException {
        assertThat(QueryString.names(raw)).isNotEmpty();
        assertThatThrownBy(() -> QueryString.refuseControlCharacters(raw))
                .isInstanceOfSatisfying(MalformedQueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo(parameter);
                    assertThat(e.getMessage()).contains(reason);
                });
    }
}
