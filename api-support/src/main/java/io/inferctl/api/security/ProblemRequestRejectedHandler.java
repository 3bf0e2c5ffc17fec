package io.inferctl.api.security;

import io.inferctl.api.problem.ApiProblems;
import io.inferctl.api.problem.Refusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;

/**
 * What Spring Security's {@code StrictHttpFirewall} refuses (a {@code ;}, {@code //}, {@code ..;/} or
 * an encoded {@code /} in the path, a header with control characters) as our 400, instead of a bare
 * {@code sendError} that ends in Spring Boot's default error JSON.
 */
public class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    private final Refusals refusals;

    public ProblemRequestRejectedHandler(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        refusals.answer(request, response, ApiProblems.problem(HttpStatus.BAD_REQUEST, "REQUEST_REJECTED",
                "Request rejected", e.getMessage()));
    }
}
