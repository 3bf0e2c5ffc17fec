package io.inferctl.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * RFC 9457 answers, in one form across the suite's APIs. Every problem carries a stable
 * machine-readable {@code code}; its {@code type} is {@code urn:inferctl:problem:<code in kebab
 * case>}, so clients can branch on either.
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

    /** A problem as an exception handler's answer, with the problem's own status. */
    public static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /**
     * A refusal known only by its status, as the servlet container makes them (a malformed request
     * line, oversized headers, a path it will not map): the status's name is the code.
     */
    public static ProblemDetail forStatus(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String code = known == null ? "HTTP_" + status.value() : known.name();
        String title = known == null ? "Refused" : known.getReasonPhrase();
        return problem(status, code, title, detail(status.value(), title));
    }

    private static String detail(int status, String title) {
        return switch (status) {
            case 400 -> "The request is malformed: its request line, path, headers or body could not be read "
                    + "as HTTP allows, or they are larger than this server accepts.";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This method is not allowed on this path.";
            case 500 -> "The request could not be completed because of an internal error; it may be retried.";
            default -> title + ".";
        };
    }

    /** Writes a problem straight to the response, for refusals made before Spring MVC is reached (filters). */
    public static void write(HttpServletResponse response, ObjectMapper objectMapper, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), problem);
    }

    /**
     * Adds the {@code errors} member: one entry per field or parameter at fault, each naming it and
     * saying why (records with {@code field} and {@code reason}).
     */
    public static ProblemDetail withErrors(ProblemDetail problem, List<?> errors) {
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /**
     * Spring MVC's own refusals (unknown path, 405, 406, 415, ...) in the same form as ours, with a
     * {@code code}: for an exception handler's {@code handleExceptionInternal}. A body that already
     * has a code is returned as it is.
     */
    public static Object inOurForm(Exception e, Object body, HttpStatusCode status) {
        Object problemBody = body == null && e instanceof ErrorResponse errorResponse ? errorResponse.getBody() : body;
        if (problemBody instanceof ProblemDetail problem && (problem.getProperties() == null
                || !problem.getProperties().containsKey("code"))) {
            ProblemDetail normalized = problem(status, HttpStatus.valueOf(status.value()).name(),
                    problem.getTitle(), problem.getDetail());
            normalized.setInstance(problem.getInstance());
            return normalized;
        }
        return problemBody;
    }
}
