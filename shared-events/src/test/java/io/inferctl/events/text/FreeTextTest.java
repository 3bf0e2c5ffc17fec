package io.inferctl.events.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreeTextTest {

    @Test
    void everyCharacterTheCommandApiRefusesBecomesTheReplacementCharacter() {
        for (char refused : new char[]{'\u0000', '\u0001', '\u0008', '\u000B', '\u000C', '\u001F', '\u007F',
                '\u0080', '\u009F', '\uD800', '\uDFFF'}) {
            assertThat(FreeText.repair("a" + refused + "b")).as("U+%04X", (int) refused).isEqualTo("a\uFFFDb");
        }
    }

    @Test
    void tabsLineBreaksAccentsAndPairedSurrogatesAreKept() {
        String text = "tab\there\nline\r\nüñï€ \uD83D\uDE80 \u00A0 \uFFFD";
        assertThat(FreeText.isAcceptable(text)).isTrue();
        assertThat(FreeText.repair(text)).isSameAs(text);
    }

    @Test
    void surrogatesOutOfOrderAreEachReplaced() {
        assertThat(FreeText.repair("\uDE80\uD83D")).isEqualTo("\uFFFD\uFFFD");
        assertThat(FreeText.repair("end\uD83D")).isEqualTo("end\uFFFD");
    }

    @Test
    void controlCharactersAndUnpairedSurrogatesBecomeTheReplacementCharacter() {
        assertThat(FreeText.repair("a\u0000b\u001b[31mc\u007fd\u0085e\ud800f\udc00"))
                .isEqualTo("a\uFFFDb\uFFFD[31mc\uFFFDd\uFFFDe\uFFFDf\uFFFD");
    }

    @Test
    void tabLineBreaksAndEmojiAreKeptAsTheyAre() {
        String text = "line 1\r\nline 2\tend \uD83D\uDE80";
        assertThat(FreeText.isAcceptable(text)).isTrue();
        assertThat(FreeText.repair(text)).isSameAs(text);
    }

    @Test
    void shorteningEndsInAnEllipsisAndNeverSplitsASurrogatePair() {
        assertThat(FreeText.shorten("abcdef", 4)).isEqualTo("abc…");
        assertThat(FreeText.shorten("abcd", 4)).isEqualTo("abcd");
        String cutInsideEmoji = FreeText.shorten("ab\uD83D\uDE80cd", 4);
        assertThat(cutInsideEmoji).isEqualTo("ab…");
        assertThat(FreeText.isAcceptable(cutInsideEmoji)).isTrue();
    }
}
