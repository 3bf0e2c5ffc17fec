package io.inferctl.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.util.Map;

/**
 * The one place where every refusal of a service is logged and counted, whoever made it: an exception
 * handler, a filter, Spring Security or Tomcat. A refusal is the client's business: a WARN line for
 * each would let any client flood the log, so a refusal goes to DEBUG and to the counter
 * {@value #METRIC} (tags {@code status} and {@code code}), where an operator watches rates instead.
 */
public class Refusals {

    public static final String METRIC = "inferctl.api.refusals";

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);
    private static final String UNKNOWN = "-";

    private final MeterRegistry meters;
    private final ObjectMapper objectMapper;

    public Refusals(MeterRegistry meters, ObjectMapper objectMapper) {
        this.meters = meters;
        this.objectMapper = objectMapper;
    }

    /** Logs and counts a problem that Spring MVC or Tomcat writes. */
    public void record(HttpServletRequest request, ProblemDetail problem) {
        String code = code(problem);
        if (log.isDebugEnabled()) {
            log.debug("Refused {} {}: {} {}", orUnknown(request.getMethod()), path(request), problem.getStatus(), code);
        }
        Counter.builder(METRIC)
                .description("Requests answered with a problem, by status and code")
                .tag("status", Integer.toString(problem.getStatus()))
                .tag("code", code)
                .register(meters)
                .increment();
    }

    /** Logs, counts and writes a problem, for refusals made outside Spring MVC (filters, security). */
    public void answer(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        record(request, problem);
        ApiProblems.write(response, objectMapper, problem);
    }

    public String json(ProblemDetail problem) throws IOException {
        return objectMapper.writeValueAsString(problem);
    }

    /** The path the client asked for, also while Tomcat forwards its error to {@code /error}. */
    static String path(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return original instanceof String uri ? uri : orUnknown(request.getRequestURI());
    }

    private static String code(ProblemDetail problem) {
        Map<String, Object> properties = problem.getProperties();
        Object code = properties == null ? null : properties.get("code");
        return code == null ? UNKNOWN : code.toString();
    }

    private static String orUnknown(String value) {
        return value == null || value.isEmpty() ? UNKNOWN : value;
    }
}
