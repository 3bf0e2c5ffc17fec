package io.inferctl.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Enumeration;
import java.util.List;

/**
 * Refuses a request whose header values hold a control character with a 400 naming the header.
 * Tomcat refuses ASCII controls in headers itself but passes the C1 controls (U+0080-U+009F) of
 * ISO-8859-1 through; Spring Security's firewall then refuses them only when a header is read, inside
 * Spring MVC, where the refusal surfaced as a 500.
 */
public class HeaderCharacterFilter extends OncePerRequestFilter {

    private final Refusals refusals;

    public HeaderCharacterFilter(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Enumerated in place rather than copied into lists: this runs on every request.
        Enumeration<String> names = request.getHeaderNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values.hasMoreElements()) {
                String value = values.nextElement();
                int at = firstControl(value);
                if (at >= 0) {
                    String header = displayName(name);
                    String reason = String.format("must not contain control characters (found U+%04X at position %d)",
                            (int) value.charAt(at), at + 1);
                    ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                            "Malformed header", header + ": " + reason);
                    refusals.answer(request, response, ApiProblems.withErrors(problem,
                            List.of(new FieldError(header, reason))));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    /** Header values arrive as ISO-8859-1, one char per byte: no surrogates to pair. */
    private static int firstControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Tomcat hands names over in lower case; answers spell a header as the API documents it, e.g. If-Match. */
    private static String displayName(String name) {
        StringBuilder display = new StringBuilder(name.length());
        boolean wordStart = true;
        for (char c : name.toCharArray()) {
            display.append(wordStart ? Character.toUpperCase(c) : c);
            wordStart = c == '-';
        }
        return display.toString();
    }
}
