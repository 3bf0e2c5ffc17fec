package io.inferctl.command.endpoint;

import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Which characters a client's text may hold, for every string that ends up in an event. Events go
 * to PostgreSQL (whose {@code text} refuses U+0000), to Kafka consumers, to consoles, logs and a
 * pod's environment, so text is refused at the door rather than cleaned later.
 *
 * <ul>
 *   <li>Free text (comments, a report's message): any Unicode text except control characters other
 *   than tab, line feed and carriage return, which a textarea submits as line breaks.</li>
 *   <li>Names (endpoint and model name, model source, a failed step): one line of printable
 *   characters, without whitespace at either end, which no reader can see.</li>
 * </ul>
 *
 * Neither may hold an unpaired UTF-16 surrogate: it is no character at all and cannot be encoded.
 * Positions in a reason count characters from 1, a character outside the Basic Multilingual Plane
 * (an emoji) counting as one.
 */
public final class TextRules {

    private static final String UNPAIRED_SURROGATES = "unpaired surrogates";

    private TextRules() {
    }

    /** Why {@code text} is not acceptable free text, or empty when it is (or is {@code null}). */
    public static Optional<String> freeTextProblem(String text) {
        return first(text, TextRules::freeTextRefuses).map(Finding::reason);
    }

    /** Why {@code text} is not an acceptable name, or empty when it is (or is {@code null}). */
    public static Optional<String> nameProblem(String text) {
        Optional<String> problem = first(text, TextRules::nameRefuses).map(Finding::reason);
        if (problem.isPresent() || text == null || text.isEmpty()) {
            return problem;
        }
        if (isWhitespace(text.codePointAt(0)) || isWhitespace(text.codePointBefore(text.length()))) {
            return Optional.of("must not start or end with whitespace");
        }
        return Optional.empty();
    }

    /**
     * Where the first character {@code allowed} refuses sits, e.g. {@code "U+0020 at position 2"},
     * or empty when every character is allowed. Completes the reason of a rule that is a pattern.
     */
    public static Optional<String> firstCharacterOutside(String text, IntPredicate allowed) {
        return first(text, c -> allowed.test(c) ? null : "").map(Finding::where);
    }

    /** A refused character, its position counted from 1, and the class of characters it belongs to. */
    private record Finding(int codePoint, int position, String refusedClass) {

        String where() {
            return String.format("U+%04X at position %d", codePoint, position);
        }

        String reason() {
            return "must not contain " + refusedClass + " (found " + where() + ")";
        }
    }

    private static Optional<Finding> first(String text, IntFunction<String> refusedClass) {
        if (text == null) {
            return Optional.empty();
        }
        int position = 1;
        for (int i = 0; i < text.length(); position++) {
            // codePointAt pairs a high surrogate with the low one after it; alone, either stays a surrogate.
            int c = text.codePointAt(i);
            String refused = refusedClass.apply(c);
            if (refused != null) {
                return Optional.of(new Finding(c, position, refused));
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    private static String freeTextRefuses(int c) {
        return switch (Character.getType(c)) {
            case Character.SURROGATE -> UNPAIRED_SURROGATES;
            case Character.CONTROL -> c == '\t' || c == '\n' || c == '\r'
                    ? null : "control characters other than tab, line feed and carriage return";
            default -> null;
        };
    }

    private static String nameRefuses(int c) {
        return switch (Character.getType(c)) {
            case Character.SURROGATE -> UNPAIRED_SURROGATES;
            case Character.CONTROL -> "control characters";
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "line breaks";
            // Bidirectional overrides and zero-width characters make a name display as another one.
            case Character.FORMAT -> "invisible formatting characters";
            default -> null;
        };
    }

    private static boolean isWhitespace(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
