package io.inferctl.command.web;

import io.inferctl.command.endpoint.FieldViolation;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * RFC 9457 answers. Every problem carries a stable machine-readable {@code code}; its {@code type}
 * is {@code urn:inferctl:problem:<code in kebab case>}, so clients can branch on either.
 */
public final class ApiProblems {

    private static final String TYPE_PREFIX = "urn:inferctl:problem:";

    private ApiProblems() {
    }

    public static ProblemDetail problem(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(title);
        problem.setProperty("code", code);
        return problem;
    }

    public static ProblemDetail withViolations(ProblemDetail problem, List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            problem.setProperty("errors", violations);
        }
        return problem;
    }
}
