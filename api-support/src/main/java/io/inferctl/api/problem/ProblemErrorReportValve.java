package io.inferctl.api.problem;

import io.inferctl.api.headers.SecurityHeaders;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's last word on an error nothing else answered, typically one it raised itself before any
 * servlet ran (a header block past {@code server.max-http-request-header-size}, a path with an
 * encoded {@code /} or a NUL, a negative {@code Content-Length}): a problem instead of Tomcat's HTML
 * page. It keeps {@link ErrorReportValve}'s rules for when a report may be written.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    private final Refusals refusals;

    public ProblemErrorReportValve(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        // Tomcat hands its own parse failures over as the throwable too; only a 5xx is a failure of ours.
        if (status >= HttpStatus.INTERNAL_SERVER_ERROR.value()) {
            log.error("Unexpected failure while handling {} {}", request.getMethod(), request.getRequestURI(), throwable);
        }
        ProblemDetail problem = ApiProblems.forStatus(HttpStatusCode.valueOf(status));
        refusals.record(request, problem);
        try {
            SecurityHeaders.applyTo(response, request.getRequestURI());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(refusals.json(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was committed meanwhile: no one is left to read the problem.
            log.debug("Could not write the problem for status {}", status, e);
        }
    }
}
