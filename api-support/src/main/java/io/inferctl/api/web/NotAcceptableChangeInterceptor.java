package io.inferctl.api.web;

import io.inferctl.api.problem.ApiProblems;
import io.inferctl.api.problem.FieldError;
import io.inferctl.api.problem.Refusals;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Refuses a change (POST, PUT, PATCH, DELETE) whose answer the client will not accept, before the
 * change is made. Spring MVC negotiates the answer's type only once the handler has returned: a create
 * sent with {@code Accept: text/html} was stored and then answered 406, so the client believed it
 * had failed and a retry created a second endpoint. A route that declares what it produces is
 * negotiated before it runs already; every other route of the APIs answers JSON.
 */
public class NotAcceptableChangeInterceptor implements HandlerInterceptor {

    private static final Set<HttpMethod> CHANGES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);
    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

    private final Refusals refusals;

    public NotAcceptableChangeInterceptor(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod)
                || !CHANGES.contains(HttpMethod.valueOf(request.getMethod()))
                || request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE) != null) {
            return true;
        }
        // AcceptHeaderFilter has refused an Accept that does not parse.
        List<MediaType> accepted = MediaType.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
        if (accepted.isEmpty() || accepted.stream().anyMatch(type -> ANSWERS.stream().anyMatch(type::isCompatibleWith))) {
            return true;
        }
        String reason = "must accept application/json, the type of this route's answer; nothing was changed";
        ProblemDetail problem = ApiProblems.problem(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "Not acceptable",
                HttpHeaders.ACCEPT + ": " + reason);
        refusals.answer(request, response, ApiProblems.withErrors(problem, List.of(new FieldError(HttpHeaders.ACCEPT, reason))));
        return false;
    }
}
