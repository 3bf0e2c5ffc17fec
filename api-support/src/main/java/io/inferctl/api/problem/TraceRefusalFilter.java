package io.inferctl.api.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import java.io.IOException;

/**
 * TRACE as our 405. Tomcat refuses TRACE before any servlet and forwards its 405 to {@code /error}
 * with the method still TRACE; from there Spring Security's firewall would answer an empty 400 and a
 * plain servlet would echo the request back. Registered for the error dispatch as well as the request.
 */
public class TraceRefusalFilter extends HttpFilter {

    private final transient Refusals refusals;

    public TraceRefusalFilter(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!HttpMethod.TRACE.matches(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        refusals.answer(request, response, ApiProblems.problem(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                "Method not allowed", "TRACE is not allowed: it would echo the request, credentials included."));
    }
}
