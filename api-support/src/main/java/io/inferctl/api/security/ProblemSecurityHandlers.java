package io.inferctl.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inferctl.api.problem.ApiProblems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 401 and 403 in the same Problem Details form as every other refusal. */
public class ProblemSecurityHandlers {

    private final ObjectMapper objectMapper;

    public ProblemSecurityHandlers(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public AuthenticationEntryPoint entryPoint() {
        return (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication required",
                    "Send a valid API token as 'Authorization: Bearer <token>'.");
        };
    }

    public AccessDeniedHandler accessDeniedHandler() {
        return (request, response, e) -> write(response, HttpStatus.FORBIDDEN, "FORBIDDEN",
                "Not allowed", "Your token's role may not " + request.getMethod() + " " + request.getRequestURI() + ".");
    }

    private void write(HttpServletResponse response, HttpStatus status, String code, String title, String detail)
            throws IOException {
        ApiProblems.write(response, objectMapper, ApiProblems.problem(status, code, title, detail));
    }
}
