package io.inferctl.api.problem;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

import java.io.IOException;

/**
 * Replaces Spring Boot's {@code BasicErrorController}: what Tomcat forwards to {@code /error} (a
 * {@code sendError}, an exception that escaped a filter, a request Tomcat refused before any servlet)
 * is answered as a problem. It writes the problem itself instead of returning it, so that a request
 * whose {@code Accept} cannot be parsed or matched still gets a body. {@code /error} asked for
 * directly is not a resource: 404.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ErrorAttributes errorAttributes;
    private final Refusals refusals;

    public ProblemErrorController(ErrorAttributes errorAttributes, Refusals refusals) {
        this.errorAttributes = errorAttributes;
        this.refusals = refusals;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (request.getDispatcherType() != DispatcherType.ERROR || !(status instanceof Integer code)) {
            refusals.answer(request, response, ApiProblems.forStatus(HttpStatus.NOT_FOUND));
            return;
        }
        HttpStatusCode httpStatus = HttpStatusCode.valueOf(code);
        if (httpStatus.is5xxServerError()) {
            log.error("Unexpected failure while handling {} {}", request.getMethod(), Refusals.path(request),
                    errorAttributes.getError(new ServletWebRequest(request)));
        }
        refusals.answer(request, response, ApiProblems.forStatus(httpStatus));
    }
}
