package io.inferctl.api.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameter names of a raw query string, read strictly. Tomcat skips a pair it cannot decode
 * and serves the request without it, so {@code ?cursor=%%%garbage} used to answer the first page;
 * this reads the query string alone (never a form body) and says what it cannot read.
 */
public final class QueryString {

    private static final int RADIX = 16;
    private static final int ASCII = 0x80;

    private QueryString() {
    }

    /** Why a query string cannot be read; {@code parameter} is the name at fault when it could be read. */
    public static final class MalformedQueryException extends Exception {

        private final transient String parameter;

        MalformedQueryException(String parameter, String reason) {
            super(reason);
            this.parameter = parameter;
        }

        /** The decoded name of the pair at fault, or {@code null} when the name itself is unreadable. */
        public String parameter() {
            return parameter;
        }
    }

    /** The distinct parameter names, in the order the client wrote them; none for a missing query string. */
    public static Set<String> names(String raw) throws MalformedQueryException {
        return new LinkedHashSet<>(allNames(raw));
    }

    /** The names the client wrote more than once, e.g. {@code limit} in {@code ?limit=1&limit=500}. */
    public static Set<String> repeated(String raw) throws MalformedQueryException {
        Set<String> seen = new HashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String name : allNames(raw)) {
            if (!seen.add(name)) {
                repeated.add(name);
            }
        }
        return repeated;
    }

    /**
     * Refuses a name or value that decodes to a control character, for APIs whose parameters are
     * identifiers and filters, never free text (see {@link ControlCharacterQueryFilter}).
     */
    public static void refuseControlCharacters(String raw) throws MalformedQueryException {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        for (String pair : raw.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), null, "its name");
            refuseControls(name, null, "its name");
            if (equals >= 0) {
                refuseControls(decode(pair.substring(equals + 1), name, "its value"), name, "its value");
            }
        }
    }

    private static void refuseControls(String decoded, String parameter, String part) throws MalformedQueryException {
        for (int i = 0; i < decoded.length(); i++) {
            if (Character.isISOControl(decoded.charAt(i))) {
                throw new MalformedQueryException(parameter, String.format(
                        "%s must not contain control characters (found U+%04X at position %d)", part,
                        (int) decoded.charAt(i), i + 1));
            }
        }
    }

    private static List<String> allNames(String raw) throws MalformedQueryException {
        List<String> names = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return names;
        }
        for (String pair : raw.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = decode(rawName, null, "its name");
            if (name.isEmpty()) {
                throw new MalformedQueryException(null, "a parameter has no name ('" + pair.charAt(0) + "...')");
            }
            if (equals >= 0) {
                decode(pair.substring(equals + 1), name, "its value");
            }
            names.add(name);
        }
        return names;
    }

    private static String decode(String encoded, String parameter, String part) throws MalformedQueryException {
        if (isPlain(encoded)) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 1 < encoded.length() ? Character.digit(encoded.charAt(i + 1), RADIX) : -1;
                int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), RADIX) : -1;
                if (high < 0 || low < 0) {
                    throw new MalformedQueryException(parameter, "'%' at position " + (i + 1) + " of " + part
                            + " is not followed by two hexadecimal digits; send a literal '%' as %25");
                }
                bytes.write(high * RADIX + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c < ASCII) {
                bytes.write(c);
            } else {
                // Tomcat refuses raw non-ASCII in the request target; should one pass, it is text already.
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedQueryException(parameter, part + " is not percent-encoded UTF-8");
        }
        return decoded;
    }

    /**
     * Plain ASCII without escapes or {@code +} decodes to itself and cannot be malformed. Almost every
     * query string is plain, and this runs on every request (the filter and the interceptor), so it
     * spares a byte buffer and a charset decoder per name and value.
     */
    private static boolean isPlain(String encoded) {
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%' || c == '+' || c >= ASCII) {
                return false;
            }
        }
        return true;
    }
}
