package io.inferctl.api.headers;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Writes {@link SecurityHeaders} before anything else runs, so that the refusals of the filters that
 * follow (a malformed Accept or query string, a header with control characters, Spring Security's 401
 * and 403) carry them too. Spring Security's own header writer runs inside its filter chain, after
 * those refusals, and not at all on what Tomcat refuses; that is why the chain's headers are off and
 * this filter owns them (and {@link io.inferctl.api.problem.ProblemErrorReportValve} for Tomcat's).
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityHeaders.applyTo(response, request.getRequestURI());
        chain.doFilter(request, response);
    }

    /** On the error dispatch too: an answer reset on the way there has lost its headers. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
