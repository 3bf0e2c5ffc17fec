package io.inferctl.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer <token>} against the configured token hashes. A client
 * address that has spent its failed authentications is answered 429 before its token is looked at.
 */
public class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;
    private final ProblemSecurityHandlers handlers;

    public ApiTokenAuthenticationFilter(ApiTokenProperties properties, ProblemSecurityHandlers handlers) {
        this.tokens = new ApiTokens(properties.tokens());
        this.handlers = handlers;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (handlers.answeredLimited(request, response)) {
            return;
        }
        Optional<ApiTokenProperties.Token> token = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? tokens.match(header.substring(BEARER.length()).trim())
                : Optional.empty();
        if (token.isEmpty()) {
            SecurityContextHolder.clearContext();
            handlers.entryPoint().commence(request, response,
                    new BadCredentialsException("unknown or malformed bearer token"));
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(token.get().principal(), null,
                List.of(new SimpleGrantedAuthority(token.get().role().authority())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
