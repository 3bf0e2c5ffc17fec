package io.inferctl.api.web;

import io.inferctl.api.problem.ApiProblems;
import io.inferctl.api.problem.FieldError;
import io.inferctl.api.problem.Refusals;
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
 * Refuses a request that repeats a header the APIs read one value of. The servlet API hands over the
 * first and hides the rest, while a proxy in front may act on the last: two {@code Idempotency-Key}s
 * were served as a change under the first key, and two tokens were judged by the first alone.
 */
public class RepeatedHeaderFilter extends OncePerRequestFilter {

    /** Spelled as the API documents them; Tomcat already refuses a second Host or Content-Length. */
    static final List<String> SINGLE = List.of("Authorization", "Content-Type", "Idempotency-Key", "If-Match",
            "Min-Sequence");

    private final Refusals refusals;

    public RepeatedHeaderFilter(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String header : SINGLE) {
            Enumeration<String> values = request.getHeaders(header);
            if (values.hasMoreElements()) {
                values.nextElement();
                if (values.hasMoreElements()) {
                    String reason = "is given more than once; give it once";
                    ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                            "Repeated header", header + ": " + reason);
                    refusals.answer(request, response, ApiProblems.withErrors(problem, List.of(new FieldError(header, reason))));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
