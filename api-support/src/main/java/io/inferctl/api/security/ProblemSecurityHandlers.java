package io.inferctl.api.security;

import io.inferctl.api.problem.ApiProblems;
import io.inferctl.api.problem.Refusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * 401 and 403 in the same Problem Details form as every other refusal, and 429 for a client address
 * that failed authentication too often ({@link FailedAuthenticationLimiter}): every 401 spends one of
 * its failures, and once they are spent it hears 429 instead, whatever token it sends.
 */
public class ProblemSecurityHandlers {

    private static final long NANOS_PER_SECOND = Duration.ofSeconds(1).toNanos();

    private final Refusals refusals;
    private final FailedAuthenticationLimiter limiter;
    private final ClientAddress clients;

    public ProblemSecurityHandlers(Refusals refusals, FailedAuthenticationLimiter limiter, ClientAddress clients) {
        this.refusals = refusals;
        this.limiter = limiter;
        this.clients = clients;
    }

    public AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> {
            String client = clients.of(request);
            if (answeredLimited(client, request, response)) {
                return;
            }
            limiter.failed(client);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication required",
                    "Send a valid API token as 'Authorization: Bearer <token>'.");
        };
    }

    public AccessDeniedHandler accessDeniedHandler() {
        return (request, response, e) -> write(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN",
                "Not allowed", "Your token's role may not " + request.getMethod() + " " + request.getRequestURI() + ".");
    }

    /** Answers 429 if the request's client has no failed authentications left; says whether it did. */
    boolean answeredLimited(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return answeredLimited(clients.of(request), request, response);
    }

    private boolean answeredLimited(String client, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<Duration> wait = limiter.waitFor(client);
        if (wait.isEmpty()) {
            return false;
        }
        long seconds = Math.max(1, (wait.get().toNanos() + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        write(request, response, HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_FAILED_AUTHENTICATIONS",
                "Too many failed authentications", "This address sent too many missing or unknown tokens; "
                        + "try again in " + seconds + " s.");
        return true;
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                       String title, String detail) throws IOException {
        refusals.answer(request, response, ApiProblems.problem(status, code, title, detail));
    }
}
