package io.inferctl.api.security;

import io.inferctl.api.Sha256;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Authenticates {@code Authorization: Bearer <token>} against the configured token hashes. */
public class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final Map<String, ApiTokenProperties.Token> tokensByHash;
    private final AuthenticationEntryPoint entryPoint;

    public ApiTokenAuthenticationFilter(ApiTokenProperties properties, AuthenticationEntryPoint entryPoint) {
        this.tokensByHash = properties.tokens().stream()
                .collect(Collectors.toMap(t -> t.sha256().toLowerCase(), Function.identity()));
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        ApiTokenProperties.Token token = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? tokensByHash.get(Sha256.hex(header.substring(BEARER.length()).trim()))
                : null;
        if (token == null) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown or malformed bearer token"));
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(token.principal(), null,
                List.of(new SimpleGrantedAuthority(token.role().authority())));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
