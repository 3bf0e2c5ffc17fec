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

/** 401 and 403 in the same Problem Details form as every other refusal. */
public class ProblemSecurityHandlers {

    private final Refusals refusals;

    public ProblemSecurityHandlers(Refusals refusals) {
        this.refusals = refusals;
    }

    public AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication required",
                    "Send a valid API token as 'Authorization: Bearer <token>'.");
        };
    }

    public AccessDeniedHandler accessDeniedHandler() {
        return (request, response, e) -> write(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN",
                "Not allowed", "Your token's role may not " + request.getMethod() + " " + request.getRequestURI() + ".");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
                       String title, String detail) throws IOException {
        refusals.answer(request, response, ApiProblems.problem(status, code, title, detail));
    }
}
