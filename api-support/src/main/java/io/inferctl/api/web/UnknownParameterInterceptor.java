package io.inferctl.api.web;

import io.inferctl.api.problem.ApiProblems;
import io.inferctl.api.problem.FieldError;
import io.inferctl.api.problem.Refusals;
import io.inferctl.api.web.QueryString.MalformedQueryException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses a query parameter the route does not take, naming it and the ones it does take: a typo such
 * as {@code ?limt=5} used to be ignored, and the caller got an unfiltered page as if it were the
 * answer. Refuses as well a parameter given twice that the route takes one value of. Runs before the handler's arguments are read, so nothing is stored or sent. Only the query
 * string counts: a form body is no parameter of our JSON APIs, and reading it would consume it.
 * Handlers of Spring and springdoc (API description, Swagger UI) keep their own rules.
 */
public class UnknownParameterInterceptor implements HandlerInterceptor {

    private static final List<String> FRAMEWORK_PACKAGES = List.of("org.springframework.", "org.springdoc.");

    private final Refusals refusals;
    /** Empty for a handler that takes any parameter. */
    private final Map<Method, Optional<Set<String>>> known = new ConcurrentHashMap<>();
    private final Map<Method, Set<String>> repeatable = new ConcurrentHashMap<>();

    public UnknownParameterInterceptor(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)
                || isFramework(method.getBeanType())) {
            return true;
        }
        Set<String> sent;
        Set<String> repeated;
        try {
            sent = QueryString.names(request.getQueryString());
            repeated = QueryString.repeated(request.getQueryString());
        } catch (MalformedQueryException e) {
            // QueryStringFilter refuses these before; a service that lacks it still gets no silent drop.
            sent = Set.of(QueryStringFilter.QUERY_STRING);
            repeated = Set.of();
        }
        Optional<Set<String>> accepted = known.computeIfAbsent(method.getMethod(),
                m -> RouteParameters.of(method));
        if (sent.isEmpty() || accepted.isEmpty()) {
            return true;
        }
        String knownList = accepted.get().isEmpty() ? "none" : String.join(", ", accepted.get());
        List<FieldError> unknown = sent.stream().filter(name -> !accepted.get().contains(name))
                .map(name -> new FieldError(name, "is not a parameter of this route; known: " + knownList))
                .toList();
        if (unknown.isEmpty()) {
            return noneRepeated(request, response, method, repeated);
        }
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "Unknown query parameter", "This route does not take "
                        + String.join(", ", unknown.stream().map(FieldError::field).toList())
                        + "; it takes " + knownList + ".");
        refusals.answer(request, response, ApiProblems.withErrors(problem, unknown));
        return false;
    }

    /** Which of two values counts differs between proxies and frameworks (parameter pollution): a route takes one. */
    private boolean noneRepeated(HttpServletRequest request, HttpServletResponse response, HandlerMethod method,
                                    Set<String> repeated) throws IOException {
        Set<String> repeatable = this.repeatable.computeIfAbsent(method.getMethod(),
                m -> RouteParameters.repeatable(method));
        List<FieldError> twice = repeated.stream().filter(name -> !repeatable.contains(name))
                .map(name -> new FieldError(name, "is given more than once; give it once"))
                .toList();
        if (twice.isEmpty()) {
            return true;
        }
        ProblemDetail problem = ApiProblems.problem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "Repeated query parameter", "This route takes " + String.join(", ",
                        twice.stream().map(FieldError::field).toList()) + " once.");
        refusals.answer(request, response, ApiProblems.withErrors(problem, twice));
        return false;
    }

    private static boolean isFramework(Class<?> beanType) {
        String name = beanType.getName();
        return FRAMEWORK_PACKAGES.stream().anyMatch(name::startsWith);
    }
}
