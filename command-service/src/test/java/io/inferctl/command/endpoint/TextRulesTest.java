package io.inferctl.command.endpoint;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TextRulesTest {

    private static final String EMOJI = "\uD83D\uDE80";

    @Nested
    class FreeText {

        @Test
        void anyTextWithTabsLineBreaksAndEmojiIsAccepted() {
            assertThat(TextRules.freeTextProblem("first deploy\tof \"Llama\"\r\nnext line\n" + EMOJI + " ünïcödé 日本語"))
                    .isEmpty();
        }

        @Test
        void noTextIsNoProblem() {
            assertThat(TextRules.freeTextProblem(null)).isEmpty();
            assertThat(TextRules.freeTextProblem("")).isEmpty();
        }

        @Test
        void aNulIsRefusedNamingTheCharacterAndItsPosition() {
            assertThat(TextRules.freeTextProblem("a\u0000b")).contains(
                    "must not contain control characters other than tab, line feed and carriage return (found U+0000 at position 2)");
        }

        @ParameterizedTest
        @ValueSource(ints = {0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F})
        void everyOtherControlCharacterIsRefused(int control) {
            assertThat(TextRules.freeTextProblem("ok" + (char) control))
                    .hasValueSatisfying(reason -> assertThat(reason)
                            .contains(String.format("found U+%04X at position 3", control)));
        }

        @Test
        void theCharactersAroundTheControlRangesAreText() {
            assertThat(TextRules.freeTextProblem(" ~\u00A0\u00FF")).isEmpty();
        }

        @Test
        void anUnpairedHighSurrogateIsRefused() {
            assertThat(TextRules.freeTextProblem("x\uD800")).contains("must not contain unpaired surrogates (found U+D800 at position 2)");
        }

        @Test
        void anUnpairedLowSurrogateIsRefused() {
            assertThat(TextRules.freeTextProblem("\uDC00x")).contains("must not contain unpaired surrogates (found U+DC00 at position 1)");
        }

        @Test
        void twoHighSurrogatesDoNotMakeAPair() {
            assertThat(TextRules.freeTextProblem("\uD83D\uD83D\uDE80")).hasValueSatisfying(
                    reason -> assertThat(reason).contains("U+D83D at position 1"));
        }

        @Test
        void positionsCountAnEmojiAsOneCharacter() {
            assertThat(TextRules.freeTextProblem(EMOJI + EMOJI + "\u0007")).hasValueSatisfying(
                    reason -> assertThat(reason).contains("U+0007 at position 3"));
        }

        @Test
        void lineSeparatorsAndFormattingCharactersAreText() {
            assertThat(TextRules.freeTextProblem("line\u2028paragraph\u2029 \u200F\u05E9\u05DC\u05D5\u05DD")).isEmpty();
        }
    }

    @Nested
    class Names {

        @Test
        void aModelNameWithUnicodeAndInnerSpacesIsAccepted() {
            assertThat(TextRules.nameProblem("Llama 3.1 8B Instruct (ünïcödé) " + EMOJI)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(ints = {'\t', '\n', '\r', 0x00, 0x1B, 0x7F, 0x85})
        void everyControlCharacterIsRefusedEvenTabAndLineBreaks(int control) {
            assertThat(TextRules.nameProblem("ab" + (char) control + "c")).contains(
                    String.format("must not contain control characters (found U+%04X at position 3)", control));
        }

        @Test
        void unicodeLineBreaksAreRefused() {
            assertThat(TextRules.nameProblem("a\u2028b")).contains("must not contain line breaks (found U+2028 at position 2)");
            assertThat(TextRules.nameProblem("a\u2029b")).contains("must not contain line breaks (found U+2029 at position 2)");
        }

        @Test
        void invisibleFormattingCharactersAreRefused() {
            assertThat(TextRules.nameProblem("llama\u202Etxt")).contains(
                    "must not contain invisible formatting characters (found U+202E at position 6)");
            assertThat(TextRules.nameProblem("lla\u200Bma")).isPresent();
        }

        @Test
        void anUnpairedSurrogateIsRefused() {
            assertThat(TextRules.nameProblem("m\uDBFF")).contains("must not contain unpaired surrogates (found U+DBFF at position 2)");
        }

        @ParameterizedTest
        @ValueSource(strings = {" llama", "llama ", "\u00A0llama", "llama\u3000", " "})
        void whitespaceAtEitherEndIsRefused(String name) {
            assertThat(TextRules.nameProblem(name)).contains("must not start or end with whitespace");
        }

        @Test
        void aControlCharacterIsNamedBeforeWhitespaceAtTheEnds() {
            assertThat(TextRules.nameProblem(" a\u0000 ")).hasValueSatisfying(
                    reason -> assertThat(reason).contains("U+0000 at position 3"));
        }

        @Test
        void noNameIsLeftToTheRequiredRule() {
            assertThat(TextRules.nameProblem(null)).isEmpty();
            assertThat(TextRules.nameProblem("")).isEmpty();
        }
    }

    @Nested
    class Patterns {

        @Test
        void theFirstCharacterOutsideTheAllowedOnesIsNamedWithItsPosition() {
            assertThat(TextRules.firstCharacterOutside("ab c", Character::isLetter)).contains("U+0020 at position 3");
        }

        @Test
        void textOfAllowedCharactersHasNone() {
            assertThat(TextRules.firstCharacterOutside("abc", Character::isLetter)).isEmpty();
            assertThat(TextRules.firstCharacterOutside(null, Character::isLetter)).isEmpty();
        }

        @Test
        void aCharacterOutsideTheBasicPlaneIsNamedWhole() {
            assertThat(TextRules.firstCharacterOutside("a" + EMOJI, Character::isLetter)).contains("U+1F680 at position 2");
        }
    }
}
