package io.inferctl.query.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page cursors: the keyset position of the last item of a page, tagged with the list it
 * belongs to so that a cursor from one list is refused by another instead of silently misread.
 * Clients must pass {@code nextCursor} back unchanged; its content is not a contract.
 */
public final class Cursors {

    private static final String SEPARATOR = "\n";
    private static final String PARAMETER = "cursor";
    private static final String REASON = "is not a cursor this list handed out; pass nextCursor from the previous page unchanged";

    private Cursors() {
    }

    public static String encode(String list, Object... parts) {
        StringBuilder text = new StringBuilder(list);
        for (Object part : parts) {
            text.append(SEPARATOR).append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's parts, or a 400 naming {@code cursor} when it is not one of this list's. */
    public static List<String> decode(String list, String cursor, int parts) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(PARAMETER, REASON);
        }
        List<String> fields = List.of(text.split(SEPARATOR, -1));
        if (fields.size() != parts + 1 || !fields.get(0).equals(list)) {
            throw new BadParameterException(PARAMETER, REASON);
        }
        return fields.subList(1, fields.size());
    }

    public static BadParameterException malformed() {
        return new BadParameterException(PARAMETER, REASON);
    }
}
