package io.inferctl.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Refuses an {@code Accept} header that is not a list of media types, naming it. Left to Spring MVC,
 * such a header fails content negotiation again while the refusal is written, and a 4xx whose
 * negotiation fails goes out with no body at all.
 */
public class AcceptHeaderFilter extends OncePerRequestFilter {

    private final Refusals refusals;

    public AcceptHeaderFilter(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
        } catch (InvalidMediaTypeException e) {
            String reason = "must be a list of media types such as 'application/json': " + e.getMessage();
            ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                    "Malformed header", HttpHeaders.ACCEPT + ": " + reason);
            refusals.answer(request, response, ApiProblems.withErrors(problem,
                    List.of(new FieldError(HttpHeaders.ACCEPT, reason))));
            return;
        }
        chain.doFilter(request, response);
    }
}
