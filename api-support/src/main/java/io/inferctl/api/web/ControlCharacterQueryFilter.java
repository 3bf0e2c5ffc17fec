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
 * Refuses a query parameter that decodes to a control character, naming it, for an API whose
 * parameters are identifiers, cursors and filters: on the query API {@code ?actor=%00} reached
 * PostgreSQL, which refuses a NUL in text, and was answered 500. An API that takes free text in a
 * parameter (command-service's {@code comment}, where line breaks are fine) judges it itself.
 */
public class ControlCharacterQueryFilter extends OncePerRequestFilter {

    private final Refusals refusals;

    public ControlCharacterQueryFilter(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            QueryString.refuseControlCharacters(request.getQueryString());
        } catch (MalformedQueryException e) {
            String field = e.parameter() == null ? QueryStringFilter.QUERY_STRING : e.parameter();
            ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                    "Malformed query string", "The query string cannot be read: "
                            + (e.parameter() == null ? "" : "parameter " + e.parameter() + ": ") + e.getMessage());
            refusals.answer(request, response, ApiProblems.withErrors(problem, List.of(new FieldError(field, e.getMessage()))));
            return;
        }
        chain.doFilter(request, response);
    }
}
