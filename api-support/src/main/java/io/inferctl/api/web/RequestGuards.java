package io.inferctl.api.web;

import io.inferctl.api.problem.Refusals;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What the APIs check before a handler runs, so that a refused request changes nothing: a header
 * read once is sent once ({@link RepeatedHeaderFilter}), a JSON body is well-formed UTF-8
 * ({@link Utf8BodyAdvice}), and the client accepts the answer a change will get
 * ({@link NotAcceptableChangeInterceptor}).
 */
@Configuration(proxyBeanMethods = false)
@Import(Utf8BodyAdvice.class)
public class RequestGuards implements WebMvcConfigurer {

    private final Refusals refusals;

    public RequestGuards(Refusals refusals) {
        this.refusals = refusals;
    }

    /** With the other header checks of ProblemAnswers, before Spring Security's chain (order -100) reads a token. */
    @Bean
    public FilterRegistrationBean<RepeatedHeaderFilter> repeatedHeaderFilter() {
        FilterRegistrationBean<RepeatedHeaderFilter> registration = new FilterRegistrationBean<>(new RepeatedHeaderFilter(refusals));
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new NotAcceptableChangeInterceptor(refusals));
    }
}
