package io.inferctl.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.api.problem.ApiProblems;
import io.inferctl.command.endpoint.FieldViolation;
import io.inferctl.command.endpoint.TextRules;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a request whose header values hold a control character with a 400 naming the header.
 * Tomcat refuses ASCII controls in headers itself but passes the C1 controls (U+0080-U+009F) of
 * ISO-8859-1 through; Spring Security's firewall then refuses them only when a header is read, and
 * Spring MVC reads every header of a request with a body, so the refusal surfaced as a 500.
 */
@Component
// After the body limit, before Spring Security's filter chain (order -100), where the firewall sits.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class HeaderCharacterFilter extends OncePerRequestFilter {

    private final ObjectMapper objectMapper;

    public HeaderCharacterFilter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<FieldViolation> violation = firstViolation(request);
        if (violation.isPresent()) {
            FieldViolation v = violation.get();
            ApiProblems.write(response, objectMapper, ApiProblems.withErrors(
                    ApiProblems.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                            "The request does not match the API's shape.", v.field() + ": " + v.reason()),
                    List.of(v)));
            return;
        }
        chain.doFilter(request, response);
    }

    private static Optional<FieldViolation> firstViolation(HttpServletRequest request) {
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                Optional<String> where = TextRules.firstCharacterOutside(value, c -> !Character.isISOControl(c));
                if (where.isPresent()) {
                    return Optional.of(new FieldViolation(displayName(name),
                            "must not contain control characters (found " + where.get() + ")"));
                }
            }
        }
        return Optional.empty();
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
