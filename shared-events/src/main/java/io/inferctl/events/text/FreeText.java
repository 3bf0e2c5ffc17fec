package io.inferctl.events.text;

/**
 * The characters free text in an event may hold (comments, a report's message): any Unicode text
 * except C0 controls other than tab, line feed and carriage return, DEL, C1 controls and unpaired
 * surrogates. The command API refuses the others; whoever must pass on text it did not write (the
 * worker relaying a cluster's message, the query side reading events older than that rule) repairs
 * it here, the same way everywhere: each refused character becomes U+FFFD.
 */
public final class FreeText {

    /** U+FFFD, the character Unicode provides for one that could not be kept. */
    public static final char REPLACEMENT = '\uFFFD';
    private static final String ELLIPSIS = "…";

    private FreeText() {
    }

    public static boolean isAcceptable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (pairedHighSurrogate(text, i)) {
                i++;
            } else if (refused(c)) {
                return false;
            }
        }
        return true;
    }

    /** The text with every refused character replaced by {@link #REPLACEMENT}; {@code null} stays {@code null}. */
    public static String repair(String text) {
        if (text == null || isAcceptable(text)) {
            return text;
        }
        StringBuilder repaired = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (pairedHighSurrogate(text, i)) {
                repaired.append(c).append(text.charAt(++i));
            } else {
                repaired.append(refused(c) ? REPLACEMENT : c);
            }
        }
        return repaired.toString();
    }

    /**
     * The text cut to at most {@code max} UTF-16 units, ending in an ellipsis when cut, and never
     * between the two halves of a surrogate pair: half of an emoji is an unpaired surrogate.
     */
    public static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    private static boolean pairedHighSurrogate(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /** A lone surrogate here is unpaired: a paired one was consumed with its partner by the caller. */
    private static boolean refused(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c);
    }
}
