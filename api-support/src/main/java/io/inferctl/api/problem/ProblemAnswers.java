package io.inferctl.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * Every refusal a service makes, and every one Spring, Spring Security and Tomcat make for it, as a
 * problem in our form, logged at DEBUG and counted by {@link Refusals}. A service imports this and
 * its exception handler extends (or imports) {@link ProblemExceptionHandler}.
 */
@Configuration(proxyBeanMethods = false)
@Import(RefusalCountingAdvice.class)
public class ProblemAnswers {

    @Bean
    public Refusals refusals(MeterRegistry meters, ObjectMapper objectMapper) {
        return new Refusals(meters, objectMapper);
    }

    @Bean
    public ProblemErrorController problemErrorController(ErrorAttributes errorAttributes, Refusals refusals) {
        return new ProblemErrorController(errorAttributes, refusals);
    }

    @Bean
    public ProblemErrorReports problemErrorReports(Refusals refusals) {
        return new ProblemErrorReports(refusals);
    }

    /**
     * First of these filters (only the security headers of BearerTokenSecurity come before), and on
     * Tomcat's error dispatch too: that is where a refused TRACE arrives.
     */
    @Bean
    public FilterRegistrationBean<TraceRefusalFilter> traceRefusalFilter(Refusals refusals) {
        FilterRegistrationBean<TraceRefusalFilter> registration = new FilterRegistrationBean<>(new TraceRefusalFilter(refusals));
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<AcceptHeaderFilter> acceptHeaderFilter(Refusals refusals) {
        FilterRegistrationBean<AcceptHeaderFilter> registration = new FilterRegistrationBean<>(new AcceptHeaderFilter(refusals));
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Before Spring Security's filter chain (order -100), whose firewall would refuse these headers only once read. */
    @Bean
    public FilterRegistrationBean<HeaderCharacterFilter> headerCharacterFilter(Refusals refusals) {
        FilterRegistrationBean<HeaderCharacterFilter> registration =
                new FilterRegistrationBean<>(new HeaderCharacterFilter(refusals));
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }
}
