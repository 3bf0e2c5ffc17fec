package io.inferctl.api.web;

import io.inferctl.api.problem.ApiProblems;
import io.inferctl.api.problem.FieldError;
import io.inferctl.api.problem.Refusals;
import io.inferctl.api.web.QueryString.MalformedQueryException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Refuses a query string that cannot be read, naming the parameter at fault. Tomcat drops such a
 * pair and serves the request without it, so the caller got an answer to a question they did not
 * ask. Does the job of Tomcat's {@code FailedRequestFilter} without its cost: that one parses the
 * parameters, a form body included, and answers a bare {@code sendError(400)}.
 */
public class QueryStringFilter extends OncePerRequestFilter {

    static final String QUERY_STRING = "query string";

    private final Refusals refusals;

    public QueryStringFilter(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            QueryString.names(request.getQueryString());
        } catch (MalformedQueryException e) {
            String field = e.parameter() == null ? QUERY_STRING : e.parameter();
            ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                    "Malformed query string", "The query string cannot be read: "
                            + (e.parameter() == null ? "" : "parameter " + e.parameter() + ": ") + e.getMessage());
            refusals.answer(request, response, ApiProblems.withErrors(problem,
                    List.of(new FieldError(field, e.getMessage()))));
            return;
        }
        chain.doFilter(request, response);
    }
}
